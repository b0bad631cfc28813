// Everything of pargist::reduce in one include.
#pragma once

#include <pargist/reduce/agreement.hpp>
#include <pargist/reduce/array_view.hpp>
#include <pargist/reduce/comm.hpp>
#include <pargist/reduce/deposit.hpp>
#include <pargist/reduce/field.hpp>
#include <pargist/reduce/gather.hpp>
#include <pargist/reduce/limits.hpp>
#include <pargist/reduce/moments.hpp>
#include <pargist/reduce/polygons.hpp>
#include <pargist/reduce/selection.hpp>
#include <pargist/reduce/slice3.hpp>
