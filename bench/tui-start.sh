#!/bin/sh
# bench/tui-start.sh [RUNS]: time from starting the wizard to its first
# drawn screen, on every fixture machine, in an 80x24 pseudo-terminal.
# The clock starts just before exec and stops when the first screen's key
# line ("q: quit", the last thing drawn) has been written.  Prints the
# median and the worst run per fixture, in milliseconds.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
b=${B:-$top/build}
runs=${1:-21}
[ -x "$b/gpupt-setup" ] || make -C "$top" B="$b" >/dev/null
rm -rf "$b/bench/tui-fixtures"
sh "$top/tests/fixtures/gen.sh" "$b/bench/tui-fixtures" >/dev/null

printf '%-24s %10s %10s\n' fixture median_ms max_ms
for root in "$b"/bench/tui-fixtures/*/ "$top"/tests/fixtures/h100-vm/; do
	[ -d "$root/sys" ] || continue
	name=$(basename "$root")
	python3 - "$b/gpupt-setup" "$root" "$runs" "$name" <<'PY'
import os, pty, signal, struct, sys, time, fcntl, termios
prog, root, runs, name = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
times = []
for _ in range(runs):
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(TERM="xterm-256color", LC_ALL="C.UTF-8", LANGUAGE="")
        os.execv(prog, [prog, "--root", root])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    buf = b""
    while b"q: quit" not in buf:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        buf += chunk
    times.append((time.monotonic() - t0) * 1000)
    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)
    os.close(fd)
times.sort()
print("%-24s %10.1f %10.1f" % (name, times[len(times) // 2], times[-1]))
PY
done
