#pragma once
// Huge pages for the simulation commands. A simulated run looks objects up at random in tables of
// tens to hundreds of MB (every node's index, queue and stored entries; the catalogue), far more
// than the TLB maps with 4 KiB pages: a profile of `run` showed prefetches and lookups waiting
// on page walks. glibc's malloc backs its heap with transparent huge pages when the tunable
// glibc.malloc.hugetlb=1 is set (the kernel's THP mode `madvise`, the common default, then gives
// them), but tunables are read only at start-up, so the process sets it and re-executes itself
// once. Measured (tools/bench/run_bench.sh, global world, 2 M requests): about 5% less CPU time.
//
// Does nothing when the user set glibc.malloc.hugetlb already (any value, e.g. 0 to opt out),
// when CDNSIM_NO_HUGE_PAGES is set, when the kernel's THP mode is `never`, or off Linux/glibc.
// If the re-execution fails, the command simply runs here. Outputs do not depend on it.

namespace cdnsim::tools {

// Call first thing in main(), with main's argv, before any thread or output exists.
void reexecWithHugePagesFor(int argc, char** argv);

}  // namespace cdnsim::tools
