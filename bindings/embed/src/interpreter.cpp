#include "interpreter.hpp"

#include "boot_source.hpp"
#include "mpi_runtime.hpp"

#include <Python.h>
#include <marshal.h>
#include <pybind11/embed.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>

namespace py = pybind11;

#ifdef PARGIST_HAVE_CORE
// pargist._core, linked in from bindings/module (PYBIND11_MODULE(_core, m)).
extern "C" PyObject* PyInit__core();
#endif

namespace pargist::embed {
namespace {

#ifdef PARGIST_HAVE_CORE
// Python names a single-phase extension module after _Py_PackageContext, as
// it does when it loads pargist/_core.so: the module (and the classes it
// defines) are then `pargist._core`, not a top-level `_core`.
PyObject* init_pargist_core() {
  const char* saved = _Py_PackageContext;
  _Py_PackageContext = "pargist._core";
  PyObject* module = PyInit__core();
  _Py_PackageContext = saved;
  return module;
}
#endif

void check(PyStatus status, PyConfig* config) {
  if (PyStatus_Exception(status)) {
    PyConfig_Clear(config);
    Py_ExitStatusException(status);
  }
}

void append_wide(PyConfig* config, PyWideStringList* list, const std::string& s) {
  wchar_t* w = Py_DecodeLocale(s.c_str(), nullptr);
  if (!w) {
    std::fprintf(stderr, "pargist-python: cannot decode %s\n", s.c_str());
    std::exit(2);
  }
  check(PyWideStringList_Append(list, w), config);
  PyMem_RawFree(w);
}

// This executable's path, and the directory holding it (not on any module path).
std::string executable_path() {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return {};
  return std::string(buf, static_cast<size_t>(n));
}

std::string executable_dir() {
  const std::string path = executable_path();
  return path.substr(0, path.rfind('/'));
}

// Where the pure-Python part of pargist lives: the build tree when this is
// the build tree's program, else the installed package's directory, found
// from this program's own (installs may be moved). Put after PYTHONPATH;
// nothing when it does not exist (pip put the package on sys.path itself).
std::string pargist_python_dir() {
  const std::string here = executable_dir();
#if defined(PARGIST_BUILD_BIN_DIR) && defined(PARGIST_BUILD_PYTHON_DIR)
  if (here == PARGIST_BUILD_BIN_DIR) return PARGIST_BUILD_PYTHON_DIR;
#endif
#ifdef PARGIST_INSTALL_PYTHON_DIR_FROM_BIN
  const std::string installed = here + "/" + PARGIST_INSTALL_PYTHON_DIR_FROM_BIN;
  if (::access(installed.c_str(), F_OK) == 0) return installed;
#endif
  return {};
}

// A virtual environment's program (pip puts it in <venv>/bin, beside
// pyvenv.cfg's folder): Python then finds its home and the environment's
// packages from pyvenv.cfg, as the environment's python3 does.
bool in_virtual_environment() {
  const std::string here = executable_dir();
  return !here.empty() && (::access((here + "/../pyvenv.cfg").c_str(), F_OK) == 0 ||
                           ::access((here + "/pyvenv.cfg").c_str(), F_OK) == 0);
}

void configure(PyConfig* config, const CommandLine& cl, const char* program) {
  PyConfig_InitPythonConfig(config);
  config->parse_argv = 0;
  // Hold back the main phase (encodings, streams, site) until the
  // broadcast importer is first on sys.meta_path.
  config->_init_main = 0;
  check(PyConfig_SetBytesString(config, &config->program_name, program), config);
  std::vector<char*> args;
  for (const auto& a : cl.argv) args.push_back(const_cast<char*>(a.c_str()));
  check(PyConfig_SetBytesArgv(config, static_cast<Py_ssize_t>(args.size()), args.data()), config);

  config->use_environment = !cl.ignore_environment;
  config->isolated = cl.isolated;
  if (cl.isolated) config->safe_path = 1;
  if (cl.no_user_site) config->user_site_directory = 0;
  if (cl.no_site) config->site_import = 0;
  if (cl.dont_write_bytecode) config->write_bytecode = 0;
  if (cl.unbuffered) config->buffered_stdio = 0;
  if (cl.quiet) config->quiet = 1;
  if (cl.inspect) config->inspect = 1;
  if (cl.optimize) config->optimization_level = cl.optimize;
  for (const auto& x : cl.xoptions) append_wide(config, &config->xoptions, x);
  for (const auto& w : cl.warnoptions) append_wide(config, &config->warnoptions, w);

  // The program lives in build/bin or <prefix>/bin, not next to a Python
  // installation: point `home` at the interpreter it was built against so
  // sys.path is plain python3's (and getpath skips its landmark search).
  // In a virtual environment, Python's own search (from the executable,
  // through pyvenv.cfg) does it.
  const char* env_home = cl.ignore_environment ? nullptr : std::getenv("PYTHONHOME");
  if (in_virtual_environment()) {
    check(PyConfig_SetBytesString(config, &config->executable, executable_path().c_str()), config);
  } else {
#ifdef PARGIST_PYTHON_HOME
    if (!env_home || !*env_home)
      check(PyConfig_SetBytesString(config, &config->home, PARGIST_PYTHON_HOME), config);
#endif
  }

  std::string pythonpath;
  if (const char* env = cl.ignore_environment ? nullptr : std::getenv("PYTHONPATH"))
    pythonpath = env;
  const std::string own = pargist_python_dir();
  const bool listed = (":" + pythonpath + ":").find(":" + own + ":") != std::string::npos;
  if (!own.empty() && !listed) pythonpath += (pythonpath.empty() ? "" : ":") + own;
  if (!pythonpath.empty())
    check(PyConfig_SetBytesString(config, &config->pythonpath_env, pythonpath.c_str()), config);
}

const char* mode_name(RunMode mode) {
  switch (mode) {
    case RunMode::Script: return "script";
    case RunMode::Command: return "command";
    case RunMode::Module: return "module";
    case RunMode::Stdin: return "stdin";
  }
  return "stdin";
}

// boot.py runs inside _pargist_embed, next to the C++ primitives.
py::module_ load_boot_module() {
  py::module_ embed = py::module_::import("_pargist_embed");
  // The build's bytecode when this Python reads it, else the source.
  const bool same_python = std::strncmp(Py_GetVersion(), boot_code_version, std::strlen(boot_code_version)) == 0;
  py::object code = py::reinterpret_steal<py::object>(
      same_python ? PyMarshal_ReadObjectFromString(reinterpret_cast<const char*>(boot_code),
                                                   static_cast<Py_ssize_t>(boot_code_size))
                  : Py_CompileString(boot_source, "<pargist-boot>", Py_file_input));
  if (!code) throw py::error_already_set();
  py::dict ns = embed.attr("__dict__");
  // C code importing from a frame of boot.py (PyImport_Import) needs it.
  ns["__builtins__"] = py::module_::import("builtins");
  py::object result = py::reinterpret_steal<py::object>(PyEval_EvalCode(code.ptr(), ns.ptr(), ns.ptr()));
  if (!result) throw py::error_already_set();
  return embed;
}

bool env_flag(const char* name, bool fallback) {
  const char* v = std::getenv(name);
  if (!v || !*v) return fallback;
  return std::string(v) != "0";
}

}  // namespace

int run_interpreter(const CommandLine& cl, const char* program) {
  MpiRuntime& mpi = MpiRuntime::instance();
#ifdef PARGIST_HAVE_CORE
  PyImport_AppendInittab("pargist._core", init_pargist_core);
#endif
  PyConfig config;
  configure(&config, cl, program);
  check(Py_InitializeFromConfig(&config), &config);
  PyConfig_Clear(&config);

  int status = 0;
  try {
    py::module_ boot = load_boot_module();
    boot.attr("_install")(env_flag("PARGIST_BCAST_IMPORT", true));
    PyStatus main_status = _Py_InitializeMain();
    if (PyStatus_Exception(main_status)) Py_ExitStatusException(main_status);
    status = boot.attr("_main")(mode_name(cl.mode), cl.target, cl.inspect || false,
                                cl.quiet).cast<int>();
  } catch (py::error_already_set& e) {
    // A failure of pargist-python itself (not of the user's code, which
    // _main handles): show it and take the whole job down.
    e.restore();
    PyErr_Print();
    std::fprintf(stderr, "pargist-python: internal error on rank %d\n", mpi.rank());
    mpi.abort(1);
  }
  if (Py_FinalizeEx() < 0 && status == 0) status = 120;
  return status;
}

}  // namespace pargist::embed
