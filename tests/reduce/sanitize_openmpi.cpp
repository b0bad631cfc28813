// Linked into the reduce tests: under LeakSanitizer, OpenMPI's own
// allocations kept past MPI_Finalize (by design) must not fail a test; only
// pargist's leaks should. Harmless in builds without sanitizers.
#include <cstdlib>

extern "C" {

// Stacks through OpenMPI's libraries need the slow unwinder (no frame pointers).
const char* __lsan_default_options() { return "fast_unwind_on_malloc=0"; }

const char* __lsan_default_suppressions() {
  return "leak:libmpi.so\n"
         "leak:libopen-pal.so\n"
         "leak:libopen-rte.so\n"
         "leak:libpmix.so\n"
         "leak:libhwloc.so\n"
         "leak:libevent\n"
         "leak:mca_\n";
}

}  // extern "C"

// Keep OpenMPI's plugins mapped until exit, so that their frames have names
// for the suppressions above; set before main() and so before MPI_Init.
static const int keep_openmpi_plugins_mapped = [] {
  setenv("OMPI_MCA_mca_base_component_disable_dlclose", "1", /*overwrite=*/0);
  return 0;
}();
