// Names of the files of a CGM family: run00.cgm, run01.cgm, ... (declared
// in pargist/libplot/cgm.hpp: first_family_name, next_family_name).
#pragma once

#include "pargist/libplot/cgm.hpp"
