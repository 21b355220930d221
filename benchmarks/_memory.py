"""Peak memory of a piece of work in this process, from Linux's /proc (benchmarks only)."""

from __future__ import annotations


def _kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def start_peak() -> int:
    """Reset the process's peak resident size to its current size and return that size (KiB)."""
    before = _kib("VmRSS")
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")
    return before


def peak_mib(before: int) -> float:
    """How far the peak resident size rose above ``before`` (from ``start_peak``), in MiB."""
    return max(_kib("VmHWM") - before, 0) / 1024
