// Internal: the bytes of pargist's world-coordinate record (the frame as
// cgm_world_record.hpp writes and reads it): its versions, header and tags,
// shared by the record's writer and its reader. How arrays of doubles
// become words is cgm_word_predictor.hpp's; how the words are packed,
// cgm_block_packer.hpp's; the order of the frame's fields,
// cgm_world_record_layout.hpp's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace pargist::cgm::world_record {

constexpr char kMagic[4] = {'P', 'G', 'F', 'R'};
// Versions 1 and 3: the layout (cgm_world_record_layout.hpp), as is.
// Versions 2 and 4 to 8 store the same layout in three parts:
//   A  the layout, deflated (zlib);
//   B  versions 2 and 4: byte planes of arrays of doubles, deflated as
//      Huffman codes only; versions 5 and 6: arrays of bytes (cell
//      colours), deflated;
//   C  stored as they are: byte planes of noise (2, 4), packed words (5, 6).
//   "PGFR", u16 version, u32 sizes of A inflated and deflated, u32 sizes
//   of B inflated and deflated, A, B, C.
// Versions 2 and 4 store a large array of doubles plane by plane (all first
// bytes, then all second bytes...), each plane led in the layout by a byte:
// 0 if its bytes follow there, 1 if they are the next ones of C, 2 of B.
// Version 5 predicts each value of an array of doubles from
// the ones before it and keeps what the prediction missed: in the layout a
// transform byte (see predict_words), the first words, and one width byte
// per block of kBlock words; in C the blocks' words, each in that many bits.
// Coordinates of curves, meshes and sorted data follow their neighbours, so
// what is left takes few bits; data the user gave as float32 take 32 bits
// at most; noise takes what it takes, with no time spent on coding it.
// Version 6 is version 5 but for an empty part B, written as
// no bytes at all (sizes 0 and 0), and for arrays of bytes: a tag byte
// in the layout after the count, 0 when the bytes follow in part B (as in
// version 5), 1 when they are the colours of the picture body's CELL ARRAY
// whose ordinal (u32) follows: a cell array of palette colours is then in
// the file once, in the body Gist reads, and the record only points at it.
// Version 7 is version 6 but for the x and y arrays of a
// mesh (QuadMesh, ni x nj nodes, rows of ni): a form byte before each,
// kAsGiven when the array follows as any other, kRowsRepeat when every row
// is the first row bit for bit (x of a meshgrid: the first row follows),
// kRowsConstant when every node of a row is its first bit for bit (y of a
// meshgrid: the first node of each row follows, nj values). A mesh made
// from linspace and meshgrid is then ni + nj values, not 2 ni nj.
// Version 8 (written now) is version 7 but for a transform of arrays of
// doubles more (kValue: predicted from the values, not their keys) and for
// the exceptions of a block: in the layout, after the block's width and
// count of exceptions, the width of their high bits and their indices; in
// part C, after the block's low bits, their high bits in that width (in
// versions 5-7 each exception is its index and 8 bytes in the layout).
// The version also tells the layout: versions 1 (plain) and 2 (deflated)
// have layout 1; versions 3 (plain), 4 to 8 (deflated) have layout 2, which
// added pygist's keywords: the rays' spacing and size and the smoothing of
// curves (Lines, Contours), the marks' spacing of contours, bytscl's top
// (FillMesh, Cells, Polys) and plf's region, gridxy's base 60 ticks and the
// mesh of plv's darts (Vectors). All versions read.
constexpr std::uint16_t kPlainLayout1 = 1, kDeflatedLayout1 = 2, kPlain = 3, kDeflatedUnpredicted = 4,
                        kDeflatedUnreferenced = 5, kDeflatedUnformed = 6, kDeflatedKeyPredicted = 7,
                        kDeflated = 8;
// Version 6: where an array of bytes is.
enum BytesTag : std::uint8_t { kInPartB = 0, kInBody = 1 };
// Version 7: how a mesh's x or y array is stored.
enum MeshForm : std::uint8_t { kAsGiven = 0, kRowsRepeat = 1, kRowsConstant = 2 };
constexpr int kLayout = 2;
constexpr std::size_t kHeader = 22;
// A decoded record larger than this is taken for a corrupt size field.
constexpr std::size_t kMaxRecordBytes = std::size_t(1) << 31;
// Versions 2 and 4: where each plane of an array is.
enum PlaneTag : std::uint8_t { kInline = 0, kCopied = 1, kCoded = 2 };

// Arrays of plain numbers are copied whole when the machine is
// little-endian with IEEE doubles, which is the record's own layout.
template <class T>
constexpr bool kBulk = std::is_arithmetic_v<T> && !std::is_same_v<T, bool> &&
                       std::numeric_limits<double>::is_iec559 &&
                       __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;

}  // namespace pargist::cgm::world_record
