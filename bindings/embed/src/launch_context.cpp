#include "launch_context.hpp"

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

extern char** environ;

namespace pargist::embed {
namespace {

// Set by a rank, inherited by everything it starts.
constexpr const char* mark_name = "PARGIST_PYTHON_RANK";

// The variables that say which rank of which job a process is: PMIx
// (OpenMPI 4+, Slurm with PMIx), OpenMPI's own, PMI-1/2 (MPICH's hydra,
// Intel MPI, Slurm with PMI2).
constexpr const char* identity_names[] = {"PMIX_NAMESPACE", "PMIX_RANK", "OMPI_MCA_ess_base_jobid",
                                          "OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMI_ID", "PMI_FD",
                                          "PMI_PORT"};

std::string launcher_identity() {
  std::string id;
  for (const char* name : identity_names)
    if (const char* v = std::getenv(name)) id += std::string(name) + "=" + v + ";";
  return id;
}

bool starts_with(const char* s, const char* prefix) { return std::strncmp(s, prefix, std::strlen(prefix)) == 0; }

// A variable the launcher gave the parent rank: what makes an MPI library
// believe it is that rank. The user's own MCA settings (OMPI_MCA_pml=...)
// and OMPI_ALLOW_RUN_AS_ROOT stay.
bool is_launcher_variable(const char* entry) {
  if (starts_with(entry, "PMIX_") || starts_with(entry, "PMI_") || starts_with(entry, "MPI_LOCALRANKID=") ||
      starts_with(entry, "MPI_LOCALNRANKS="))
    return true;
  if (!starts_with(entry, "OMPI_") || starts_with(entry, "OMPI_ALLOW_RUN_AS_ROOT")) return false;
  if (!starts_with(entry, "OMPI_MCA_")) return true;  // OMPI_COMM_WORLD_*, OMPI_FILE_LOCATION...
  for (const char* p : {"OMPI_MCA_ess", "OMPI_MCA_orte_", "OMPI_MCA_pmix", "OMPI_MCA_initial_wdir=",
                        "OMPI_MCA_shmem_RUNTIME_QUERY_hint=", "OMPI_MCA_mpi_oversubscribe="})
    if (starts_with(entry, p)) return true;
  return false;
}

void remove_launcher_variables() {
  std::vector<std::string> names;
  for (char** e = environ; *e; ++e)
    if (is_launcher_variable(*e)) names.emplace_back(*e, std::strcspn(*e, "="));
  for (const auto& name : names) ::unsetenv(name.c_str());
}

}  // namespace

bool is_own_mpi_process() {
  const std::string id = launcher_identity();
  const char* mark = std::getenv(mark_name);
  // Started by a rank: the mark is there and this process either has the
  // rank's identity (inherited) or none (an ancestor already removed it).
  // A job launched from inside a rank's script has an identity of its own.
  if (mark && (id.empty() || id == mark)) {
    remove_launcher_variables();
    return false;
  }
  if (!id.empty()) ::setenv(mark_name, id.c_str(), 1);
  return true;
}

}  // namespace pargist::embed
