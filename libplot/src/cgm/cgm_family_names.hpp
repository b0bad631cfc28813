// Names of the files of a CGM family: run00.cgm, run01.cgm, ...
#pragma once

#include <string>

namespace pargist::cgm {

// The first name of a family: "00" is added before ".cgm" when the name has
// no digits there (run.cgm -> run00.cgm).
std::string first_family_name(const std::string& path);

}  // namespace pargist::cgm
