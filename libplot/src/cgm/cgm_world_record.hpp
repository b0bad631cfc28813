// pargist's world-coordinate record: a whole plot::Frame (systems, limits,
// ticks, palette, every element's data) as bytes, carried in the APPLICATION
// DATA of each picture so that a pargist CGM re-renders at any size or zoom.
//
// Layout: "PGFR", a 16-bit format version, then the frame's fields in a fixed
// order; numbers little-endian (doubles as IEEE-754 bits), vectors and
// strings led by a 32-bit count. Versions 2, 4 and 5 deflate the fields
// (zlib), arrays of doubles by byte planes, version 5 after predicting each
// value from the ones before it (see the .cpp); version 6 as 5, but an array
// of cell colours that the picture body's CELL ARRAY gives back exactly is
// not stored twice: the record names that CELL ARRAY; version 7 as 6, but
// the x and y of a mesh whose rows repeat, or are each one value (meshgrid),
// are stored as one row or one column; version 8 as 7, but a smooth array
// may be predicted from its values rather than their bits. The decoder checks every count against the
// bytes left and every enum and array size against the model, so a corrupt
// record gives a FormatError, never a bad Frame.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "pargist/libplot/frame.hpp"

namespace pargist::cgm {

// A CELL ARRAY of the picture body, as the writer drew it: the colours it
// was given (the element's own array when it drew one element's cells) and
// whether Gist's reading of the body's indices gives those bytes back.
struct DrawnCells {
  const std::uint8_t* colors = nullptr;
  std::size_t size = 0;
  bool exact = false;
};

// The record as written now (version 8, deflated), or without zlib
// (version 3, `deflated` false); readers keep reading every version.
// `drawn`: the body's CELL ARRAYs in their order; an element's colours
// found there exactly are referred to instead of stored.
std::vector<std::uint8_t> encode_world_record(const plot::Frame& frame, bool deflated = true,
                                              const std::vector<DrawnCells>& drawn = {});

// base: file offset of data[0], for error messages. Throws FormatError.
// `body_cells`: the colours of the body's CELL ARRAYs in their order, as
// Gist's indices read (index < 10: 255 - index, else index - 10; rows as
// stored), empty for one not in Gist's packed 8-bit form; a version 6 record
// that refers to a missing or different one is a FormatError.
plot::Frame decode_world_record(const std::uint8_t* data, std::size_t size, std::size_t base,
                                const std::vector<std::vector<std::uint8_t>>& body_cells = {});

}  // namespace pargist::cgm
