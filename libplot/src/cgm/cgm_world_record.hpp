// pargist's world-coordinate record: a whole plot::Frame (systems, limits,
// ticks, palette, every element's data) as bytes, carried in the APPLICATION
// DATA of each picture so that a pargist CGM re-renders at any size or zoom.
//
// Layout: "PGFR", a 16-bit format version, then the frame's fields in a fixed
// order; numbers little-endian (doubles as IEEE-754 bits), vectors and
// strings led by a 32-bit count. Version 2 deflates the fields (zlib) after
// a 32-bit size, arrays of doubles by byte planes (see the .cpp). The decoder checks every count against the
// bytes left and every enum and array size against the model, so a corrupt
// record gives a FormatError, never a bad Frame.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "pargist/libplot/frame.hpp"

namespace pargist::cgm {

// The record as written since it is compressed (version 2), or as written
// before (version 1, `deflated` false), which readers keep reading.
std::vector<std::uint8_t> encode_world_record(const plot::Frame& frame, bool deflated = true);

// base: file offset of data[0], for error messages. Throws FormatError.
plot::Frame decode_world_record(const std::uint8_t* data, std::size_t size, std::size_t base);

}  // namespace pargist::cgm
