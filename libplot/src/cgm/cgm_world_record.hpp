// pargist's world-coordinate record: a whole plot::Frame (systems, limits,
// ticks, palette, every element's data) as bytes, carried in the APPLICATION
// DATA of each picture so that a pargist CGM re-renders at any size or zoom.
//
// Layout: "PGFR", a 16-bit format version, then the frame's fields in a fixed
// order; numbers little-endian (doubles as IEEE-754 bits), vectors and
// strings led by a 32-bit count. Versions 2, 4 and 5 deflate the fields
// (zlib), arrays of doubles by byte planes, version 5 after predicting each
// value from the ones before it (see the .cpp). The decoder checks every count against the
// bytes left and every enum and array size against the model, so a corrupt
// record gives a FormatError, never a bad Frame.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "pargist/libplot/frame.hpp"

namespace pargist::cgm {

// The record as written now (version 5, deflated), or without zlib
// (version 3, `deflated` false); readers keep reading every version.
std::vector<std::uint8_t> encode_world_record(const plot::Frame& frame, bool deflated = true);

// base: file offset of data[0], for error messages. Throws FormatError.
plot::Frame decode_world_record(const std::uint8_t* data, std::size_t size, std::size_t base);

}  // namespace pargist::cgm
