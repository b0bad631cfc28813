#include "command_line.hpp"

#include <stdexcept>

namespace pargist::embed {

std::string usage_text(const std::string& program) {
  return "usage: " + program + " [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
         "Run under mpirun: one interpreter per rank; rank 0 reads the script and\n"
         "every module, and broadcasts them to the other ranks.\n"
         "Options:\n"
         "-c cmd : program passed in as string (terminates option list)\n"
         "-m mod : run library module as a script (terminates option list)\n"
         "-i     : inspect interactively after running script\n"
         "-u     : unbuffered stdout and stderr\n"
         "-q     : don't print version and copyright messages on interactive startup\n"
         "-B     : don't write .pyc files on import\n"
         "-E     : ignore PYTHON* environment variables\n"
         "-I     : isolate Python from the user's environment (implies -E and -s)\n"
         "-s     : don't add user site directory to sys.path\n"
         "-S     : don't imply 'import site' on initialization\n"
         "-O     : remove assert and __debug__-dependent statements (-OO: docstrings too)\n"
         "-W arg : warning control\n"
         "-X opt : set implementation-specific option\n"
         "-V     : print the Python version number and exit (also --version)\n"
         "-h     : print this help message and exit (also --help)\n"
         "file   : program read from script file (by rank 0, then broadcast)\n"
         "-      : program read from stdin (default; interactive mode if a tty)\n"
         "Environment: PARGIST_BCAST_IMPORT=0 plain per-rank imports;\n"
         "PARGIST_IMPORT_STATS=1 import statistics at exit;\n"
         "PARGIST_ABORT_TIMEOUT=s seconds a failed rank waits for the others (default 10).\n";
}

CommandLine parse_command_line(int argc, char** argv) {
  CommandLine cl;
  int i = 1;
  bool have_target = false;
  for (; i < argc && !have_target; ++i) {
    std::string arg = argv[i];
    if (arg == "--version") { cl.show_version = true; continue; }
    if (arg == "--help") { cl.show_help = true; continue; }
    if (arg == "-" || arg.size() < 2 || arg[0] != '-') {
      // The first non-option: a script, or `-` for stdin.
      cl.mode = arg == "-" ? RunMode::Stdin : RunMode::Script;
      cl.target = arg;
      cl.argv.push_back(arg);
      have_target = true;
      ++i;
      break;
    }
    if (arg == "--") {
      ++i;
      if (i < argc) {
        cl.mode = RunMode::Script;
        cl.target = argv[i];
        cl.argv.push_back(argv[i]);
        have_target = true;
        ++i;
      }
      break;
    }
    // A cluster of one-letter options, e.g. -iu; c, m, W, X take a value
    // (the rest of the cluster or the next argument).
    for (size_t k = 1; k < arg.size(); ++k) {
      const char opt = arg[k];
      auto value = [&]() -> std::string {
        if (k + 1 < arg.size()) {
          std::string v = arg.substr(k + 1);
          k = arg.size();
          return v;
        }
        if (i + 1 >= argc)
          throw std::invalid_argument(std::string("Argument expected for the -") + opt + " option");
        k = arg.size();
        return argv[++i];
      };
      switch (opt) {
        case 'c': cl.mode = RunMode::Command; cl.target = value(); cl.argv.push_back("-c"); have_target = true; break;
        case 'm': cl.mode = RunMode::Module; cl.target = value(); cl.argv.push_back("-m"); have_target = true; break;
        case 'W': cl.warnoptions.push_back(value()); break;
        case 'X': cl.xoptions.push_back(value()); break;
        case 'i': cl.inspect = true; break;
        case 'u': cl.unbuffered = true; break;
        case 'q': cl.quiet = true; break;
        case 'B': cl.dont_write_bytecode = true; break;
        case 'E': cl.ignore_environment = true; break;
        case 'I': cl.isolated = true; cl.ignore_environment = true; cl.no_user_site = true; break;
        case 's': cl.no_user_site = true; break;
        case 'S': cl.no_site = true; break;
        case 'O': ++cl.optimize; break;
        case 'V': cl.show_version = true; break;
        case 'h': case '?': cl.show_help = true; break;
        default:
          throw std::invalid_argument(std::string("Unknown option: -") + opt);
      }
    }
    if (have_target) { ++i; break; }
  }
  if (!have_target) cl.argv.push_back("");
  for (; i < argc; ++i) cl.argv.push_back(argv[i]);
  return cl;
}

}  // namespace pargist::embed
