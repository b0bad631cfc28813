// The command line of pargist-python, parsed the way CPython's own `python3`
// parses it: interpreter options first, then what to run (a script, `-c cmd`,
// `-m module`, `-` or nothing), then the arguments handed to sys.argv.
#pragma once

#include <string>
#include <vector>

namespace pargist::embed {

enum class RunMode { Script, Command, Module, Stdin };

struct CommandLine {
  RunMode mode = RunMode::Stdin;
  std::string target;              // script path, command text or module name
  std::vector<std::string> argv;   // sys.argv as Python sets it
  std::vector<std::string> xoptions;
  std::vector<std::string> warnoptions;
  bool inspect = false;            // -i: console after the script
  bool unbuffered = false;         // -u
  bool quiet = false;              // -q
  bool ignore_environment = false; // -E
  bool isolated = false;           // -I
  bool no_user_site = false;       // -s
  bool no_site = false;            // -S
  bool dont_write_bytecode = false;// -B
  int optimize = 0;                // -O, -OO
  bool show_version = false;       // -V / --version
  bool show_help = false;          // -h / --help
};

// Throws std::invalid_argument with Python's wording on a bad option.
CommandLine parse_command_line(int argc, char** argv);

// The usage text printed by -h (and after an unknown option).
std::string usage_text(const std::string& program);

}  // namespace pargist::embed
