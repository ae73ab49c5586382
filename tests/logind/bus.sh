# Sourced by the logind tests, with their arguments (PATH/TO/qlfit PATH/TO/fake_logind): a
# private dbus-daemon standing in for the system bus, and the logind stand-in on it, in a
# temporary folder $work; check and finish from check.sh.
# start_bus; start_logind [--locked] [--idle]; hints LOCKED IDLE SINCE_USEC; sleep_signal B;
# bus_daemon TYPE SOCKET for another bus (a session bus); wait_for EXPECTED COMMAND...;
# away_now (1 while an away period is open).
. "$(dirname "${BASH_SOURCE[0]}")/../support/check.sh"
qlfit=$1
fake=$2
work=$(mktemp -d)
bus_pid=""
logind_pid=""
# Starts a dbus-daemon of TYPE (system or session) on $work/SOCKET; its pid in $daemon_pid.
bus_daemon() {  # TYPE SOCKET
    cat >"$work/$1.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>$1</type>
  <listen>unix:path=$work/$2</listen>
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
    rm -f "$work/$1.address" "$work/$2"
    dbus-daemon --config-file="$work/$1.conf" --nofork --nopidfile --print-address=1 \
        >"$work/$1.address" 2>"$work/$1.err" &
    daemon_pid=$!
    for _ in $(seq 100); do [ -s "$work/$1.address" ] && break; sleep 0.05; done
}
start_bus() {
    bus_daemon system system_bus
    bus_pid=$daemon_pid
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

# Waits up to 10 s for COMMAND's output to be EXPECTED; prints what it was last.
wait_for() {  # EXPECTED COMMAND...
    local expected=$1 actual=""
    shift
    for _ in $(seq 100); do
        actual=$("$@" 2>/dev/null)
        [ "$actual" == "$expected" ] && break
        sleep 0.1
    done
    echo "$actual"
}
# A folder for LD_LIBRARY_PATH whose libsystemd.so.0 cannot be loaded: qlfit as on a
# system without libsystemd (it loads it only when a bus is needed).
no_libsystemd() {
    mkdir -p "$work/nolib"
    echo "not a library" >"$work/nolib/libsystemd.so.0"
    echo "$work/nolib"
}
away_now() { "$qlfit" status --json | grep -c '"away": true'; }
