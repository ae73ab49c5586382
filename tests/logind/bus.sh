# Sourced by the logind tests, with their arguments (PATH/TO/qlfit PATH/TO/fake_logind): a
# private dbus-daemon standing in for the system bus, and the logind stand-in on it, in a
# temporary folder $work; check and finish from check.sh.
# start_bus; start_logind [--locked] [--idle]; hints LOCKED IDLE SINCE_USEC; sleep_signal B
. "$(dirname "${BASH_SOURCE[0]}")/../support/check.sh"
qlfit=$1
fake=$2
work=$(mktemp -d)
bus_pid=""
logind_pid=""
start_bus() {
    cat >"$work/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=$work/system_bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_type="method_return"/>
    <allow send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="signal"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
  </policy>
</busconfig>
CONF
    rm -f "$work/bus.address" "$work/system_bus"
    dbus-daemon --config-file="$work/bus.conf" --nofork --nopidfile --print-address=1 \
        >"$work/bus.address" 2>"$work/bus.err" &
    bus_pid=$!
    for _ in $(seq 100); do [ -s "$work/bus.address" ] && break; sleep 0.05; done
    export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$work/system_bus"
}
start_logind() {
    rm -f "$work/logind.out"
    "$fake" "$@" >"$work/logind.out" 2>"$work/logind.err" &
    logind_pid=$!
    for _ in $(seq 100); do grep -q ready "$work/logind.out" 2>/dev/null && break; sleep 0.05; done
    grep -q ready "$work/logind.out" || { echo "fake_logind did not start:"; cat "$work/logind.err"; }
}
stop_logind() {
    [ -n "$logind_pid" ] || return 0
    kill -CONT "$logind_pid" 2>/dev/null
    kill "$logind_pid" 2>/dev/null
    wait "$logind_pid" 2>/dev/null
}
stop_bus() {
    [ -n "$bus_pid" ] || return 0
    kill "$bus_pid" 2>/dev/null
    wait "$bus_pid" 2>/dev/null
}
hints() {  # LOCKED IDLE IDLE_SINCE_USEC
    dbus-send --bus="$DBUS_SYSTEM_BUS_ADDRESS" --print-reply --dest=org.freedesktop.login1 \
        /org/qlfit/FakeLogind org.qlfit.FakeLogind.SetHints \
        "boolean:$1" "boolean:$2" "uint64:$3" >/dev/null
}
sleep_signal() {  # true: going to sleep; false: resumed
    dbus-send --bus="$DBUS_SYSTEM_BUS_ADDRESS" --print-reply --dest=org.freedesktop.login1 \
        /org/qlfit/FakeLogind org.qlfit.FakeLogind.Sleep "boolean:$1" >/dev/null
}
