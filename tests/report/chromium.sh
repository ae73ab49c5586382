#!/usr/bin/env bash
# The golden report (tests/e2e/golden/report.html) in a real browser: headless Chromium
# with networking disabled renders it to PNG and prints it to PDF. Fails on any console
# message, on any request the page makes, on a blank render, or on a PDF page that is not
# portrait A4 or Letter; each check is first shown to fail on a page made to fail it.
# Keeps report.png and report.pdf in OUT_DIR; QLFIT_UPDATE_SCREENSHOT=1 also copies the PNG
# to docs/report.png. Without chromium it is skipped (exit 77) unless QLFIT_REQUIRE_CHROMIUM=1,
# which .ci/run sets after installing it.
# Usage: chromium.sh SOURCE_DIR OUT_DIR
set -u
here=$(dirname "$0")
. "$here/../support/check.sh"
root=$1
out=$2
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    if [ "${QLFIT_REQUIRE_CHROMIUM:-}" = 1 ]; then
        echo "FAIL chromium is not installed, and QLFIT_REQUIRE_CHROMIUM=1 requires this test"
        exit 1
    fi
    echo "SKIP chromium is not installed: apt-get install chromium (.ci/run installs it and requires this test)"
    exit 77
fi
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inspect() { python3 "$here/inspect.py" "$@"; }

# render NAME PAGE png|pdf: one fresh browser, networking off, its log in NAME.log, the
# requests the page made in NAME.requests.
render() {
    local name=$1 page=$2 what=$3
    local flags=(--headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run
        --user-data-dir="$work/profile-$name-$what" --host-resolver-rules="MAP * ~NOTFOUND"
        --enable-logging=stderr --v=0 --log-net-log="$work/$name-$what.netlog")
    if [ "$what" = png ]; then
        flags+=(--window-size=900,2480 --screenshot="$work/$name.png")
    else
        flags+=(--no-pdf-header-footer --print-to-pdf="$work/$name.pdf")
    fi
    timeout 120 "$browser" "${flags[@]}" "file://$page" >>"$work/$name.log" 2>&1
    inspect requests "$work/$name-$what.netlog" >>"$work/$name.requests"
}
console() { grep -h 'CONSOLE' "$work/$1.log"; }
colours() { inspect colours "$work/$1.png"; }
# "portrait" when every page is A4 (595x842) or Letter (612x792) upright, else what it is.
paper() {
    local sizes
    sizes=$(inspect pages "$work/$1.pdf" | sort -u)
    if [ -n "$sizes" ] && ! printf '%s\n' "$sizes" | grep -qvxE '595x842|612x792'; then
        echo portrait
    else
        echo "${sizes:-no pages}"
    fi
}

# The checks can fail: a script error, a request, a blank page, a landscape page.
printf '<!DOCTYPE html><html><body><p>x</p><script>notDefined();</script></body></html>' >"$work/script.html"
printf '<!DOCTYPE html><html><body><img src="http://example.com/x.png" alt=""></body></html>' >"$work/net.html"
printf '<!DOCTYPE html><html><body></body></html>' >"$work/blank.html"
printf '<!DOCTYPE html><html><style>@page{size:A4 landscape}</style><p>x</p></html>' >"$work/landscape.html"
render script "$work/script.html" png
render net "$work/net.html" png
render blank "$work/blank.html" png
render landscape "$work/landscape.html" pdf
check "a script error is seen on the console" 1 "$(console script | grep -c notDefined)"
check "a request to the network is seen" "http://example.com/x.png" "$(cat "$work/net.requests")"
check "a blank page is one colour" 1 "$(colours blank)"
check "a landscape page is seen" 842x595 "$(paper landscape)"

# The report.
render report "$root/tests/e2e/golden/report.html" png
render report "$root/tests/e2e/golden/report.html" pdf
check "the report logs nothing on the console" "" "$(console report)"
check "the report makes no request" "" "$(cat "$work/report.requests")"
check "the report prints on portrait A4 or Letter" portrait "$(paper report)"
check "the report's PDF has more than one page" 1 "$(($(inspect pages "$work/report.pdf" | wc -l) > 1))"
shades=$(colours report)
check "the report renders (more than 100 colours, got $shades)" 1 "$((shades > 100))"
cp "$work/report.png" "$work/report.pdf" "$out/"
echo "artifacts: $out/report.png $out/report.pdf"
if [ "${QLFIT_UPDATE_SCREENSHOT:-}" = 1 ]; then
    cp "$work/report.png" "$root/docs/report.png"
    echo "wrote $root/docs/report.png"
fi
finish "report in chromium"
