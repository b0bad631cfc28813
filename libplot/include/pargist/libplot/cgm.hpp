// Binary CGM (ISO 8632-3, version 1) in the dialect Gist writes and reads.
//
// Writing: CgmRenderer is the Renderer backend that turns one rendered frame
// into one CGM picture; CgmFamilyWriter appends pictures to a family of files
// (run00.cgm, run01.cgm, ...) so that after every picture each file on disk
// is a complete metafile. Every picture also carries its Frame in world
// coordinates in an APPLICATION DATA element that Gist's reader skips.
//
// Reading: read_cgm() turns a file (and the rest of its family) into pages.
// A page written by pargist gives back its Frame; any other page (Yorick's)
// is given as a Frame of NDC primitives (see CgmPage::frame).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "pargist/libplot/frame.hpp"
#include "pargist/libplot/hardcopy.hpp"
#include "pargist/libplot/renderer.hpp"

namespace pargist::plot::detail {
class WholeFile;
}

namespace pargist::cgm {

struct CgmOptions {
  /// A picture that would start past this many bytes starts the next file of
  /// the family instead (Gist's default: 100 MB). Pictures are never split.
  std::uint64_t max_file_bytes = 100'000'000;
  /// Store each frame in world coordinates (APPLICATION DATA) as well.
  bool world_record = true;
  /// Write the frame's palette as each page's COLOUR TABLE (Gist's dump=1);
  /// without it a reader shows the palette indices in its own colours.
  bool dump_palette = true;
  /// Who the file is for, in the METAFILE DESCRIPTION (default: $USER).
  std::string user;
};

/// The Renderer backend: collects one picture (begin_page .. end_page) as
/// CGM elements on Gist's page (16-bit VDC, 25545.24 VDC per NDC unit).
/// Colours: named ones are CGM indices 0..9 as in Gist, palette index i is
/// 10+i with the frame's palette written as the page's COLOUR TABLE; a
/// direct RGB colour takes a free table entry when one is left, else the
/// nearest entry (the exact value stays in the world record).
class CgmRenderer : public plot::Renderer {
 public:
  explicit CgmRenderer(const CgmOptions& options = {});
  ~CgmRenderer() override;

  void begin_page(const plot::Frame& frame) override;
  void set_clip(const plot::Box* clip) override;
  void polyline(const double* x, const double* y, std::size_t n, const plot::LineStyle& style,
                bool closed) override;
  void disjoint(const double* x0, const double* y0, const double* x1, const double* y1,
                std::size_t n, const plot::LineStyle& style) override;
  void markers(const double* x, const double* y, std::size_t n,
               const plot::MarkerStyle& style) override;
  void polygons(const double* x, const double* y, const std::size_t* counts, std::size_t npoly,
                const plot::Color* colors, const plot::LineStyle* edges) override;
  void cell_array(const plot::Box& where, std::size_t nx, std::size_t ny, const std::uint8_t* data,
                  int channels) override;
  void text(double x, double y, const std::string& text, const plot::TextStyle& style) override;
  plot::TextExtent measure_text(const std::string& text, const plot::TextStyle& style) override;
  void end_page() override;

  /// The picture finished by end_page(): BEGIN PICTURE .. END PICTURE.
  const std::vector<std::uint8_t>& picture() const;
  /// The metafile header (BEGIN METAFILE and the descriptor) for a new file.
  std::vector<std::uint8_t> metafile_header(const std::string& name) const;
  /// Number the next picture "Page n" (Gist numbers pages across a family).
  void set_page_number(int n);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Thrown when a CGM file cannot be written (the message names the file).
class CgmWriteError : public plot::FileError {
 public:
  using plot::FileError::FileError;
  explicit CgmWriteError(const plot::FileError& e) : plot::FileError(e) {}
};

/// A family of CGM files written picture by picture.
///
/// Each file appears under its name only once its header and first picture
/// are written. Each later picture goes after the file's END METAFILE with
/// a new END METAFILE, and only then does the old END METAFILE become a
/// NO-OP (one 2-byte write): at every moment the file is a complete metafile
/// holding every finished picture, whether a write fails (a full disk: the
/// file is truncated back, the error names it, and the next picture tries
/// again) or the process is killed in the middle of one.
class CgmFamilyWriter : public plot::FrameSink {
 public:
  /// `path` names the first file, exactly as given (Gist's rule); past the
  /// size limit the next file is named by next_family_name: run00.cgm ->
  /// run01.cgm, and run.cgm -> ruo.cgm as in Gist. Throws CgmWriteError
  /// when no file can be written there (no such folder...).
  CgmFamilyWriter(const std::string& path, const CgmOptions& options = {});
  ~CgmFamilyWriter() override;  // closes
  CgmFamilyWriter(const CgmFamilyWriter&) = delete;
  CgmFamilyWriter& operator=(const CgmFamilyWriter&) = delete;

  /// Renders `frame` and appends it as one picture. Throws CgmWriteError
  /// ("pargist: cannot write CGM file NAME: <reason>"); the writer stays
  /// usable (a later picture goes to the same file once there is room).
  void write(const plot::Frame& frame) override;
  void write(const plot::Frame& frame, const plot::RenderOptions& options);
  /// Closes the current file (it is already complete on disk); returns the
  /// name of the last file written ("" if none).
  std::string close() override;

  /// Every file written so far, in order.
  const std::vector<std::string>& files() const { return files_; }
  std::size_t pictures() const { return pictures_; }

  /// A new request in the family's request file (view_request_path), if
  /// one appeared since the last call: one stat() when there is none. A
  /// malformed file gives one warning on stderr and is otherwise ignored.
  std::vector<std::pair<int, plot::Limits>> requested_limits() override;

 private:
  void append(const std::vector<std::uint8_t>& picture);
  void start_file(const std::vector<std::uint8_t>& picture);
  void add_picture(const std::vector<std::uint8_t>& picture);

  // The request file, and what was last seen of it.
  std::string request_path_;
  struct RequestStamp {
    unsigned long long inode = 0, size = 0;
    long long mtime_ns = 0;
    bool operator==(const RequestStamp& o) const {
      return inode == o.inode && size == o.size && mtime_ns == o.mtime_ns;
    }
  } request_seen_;
  std::string request_id_;
  bool request_warned_ = false;

  CgmOptions options_;
  CgmRenderer renderer_;
  std::string next_name_;
  std::vector<std::string> files_;
  std::unique_ptr<plot::detail::WholeFile> current_;  // the file pictures go to, open
  std::uint64_t end_ = 0;  // offset of the current file's END METAFILE
  std::size_t pictures_ = 0;
};

/// The hardcopy entry point (plot::open_hardcopy's ".cgm" case).
std::unique_ptr<plot::FrameSink> open_cgm_family(const std::string& path,
                                                 const CgmOptions& options = {});

/// The next name of a family, Gist's way (its IncrementName): the last
/// character before ".cgm" counts up, '9' carrying into the one before, 'z'
/// and 'Z' wrapping to '0' (run00.cgm -> run01.cgm, run09.cgm -> run10.cgm,
/// x.cgm -> y.cgm).
std::string next_family_name(const std::string& path);

// ------------------------------------------------------------------ reading

/// One picture of a CGM file.
struct CgmPage {
  std::string file;          ///< the file of the family that holds it
  std::size_t offset = 0;    ///< byte offset of its BEGIN PICTURE
  std::size_t end = 0;       ///< byte offset just past its END PICTURE
  std::string name;          ///< the picture's name ("Page 1" in Gist's files)
  bool landscape = false;
  /// True when the frame comes from pargist's world-coordinate record: it is
  /// the frame as plotted (world coordinates, limits, ticks, palette) and
  /// re-renders at any size or zoom. Otherwise the frame holds the page's
  /// primitives in NDC: each run of primitives under one clip rectangle is a
  /// coordinate system whose viewport and world limits are that rectangle
  /// (no ticks), in file order; the CGM colour table becomes the palette.
  bool from_world_record = false;
  plot::Frame frame;
};

/// What read_cgm() found: the pages that loaded, and the first problem that
/// stopped it (pages before a truncated or corrupt spot still load).
struct CgmDocument {
  std::vector<CgmPage> pages;
  std::vector<std::string> files;
  std::optional<std::string> error;  ///< "<file>: byte offset N: what"
  /// Problems that did not stop reading (e.g. a world-coordinate record that
  /// did not decode: that page falls back to its NDC primitives).
  std::vector<std::string> warnings;
};

/// Reads `path` and the files that follow it in its family (run00.cgm,
/// run01.cgm, ... while they exist). Never throws for bad content; an
/// unreadable first file gives an error and no pages.
CgmDocument read_cgm(const std::string& path, bool follow_family = true);

/// Reads CGM bytes already in memory (one file); `name` is used in messages.
CgmDocument read_cgm_bytes(const std::uint8_t* data, std::size_t size, const std::string& name);

// ------------------------------------------------------- the back channel
//
// pargist-view --follow steers a running job through the file system alone:
// when its user zooms, it writes the limits asked for into the family's
// request file, and the job's next pp* call (or limits(), fma()) adopts
// them, as it adopts a zoom in the live window. The file is small text,
// replaced atomically (temporary name, rename):
//
//   pargist view request 1
//   id <unique text>
//   system <n> <xmin> <xmax> <ymin> <ymax>     (a side may be "e": automatic)

/// One request: new limits for some coordinate systems (1-based). Sides
/// marked automatic in `limits` go back to the data's extremes.
struct ViewRequest {
  std::string id;  ///< different for every request written
  std::vector<std::pair<int, plot::Limits>> systems;
};

/// The request file of the family that `path` names (the name given to
/// hcp_file, or any file of the family): the name without ".cgm" and its
/// trailing digits, plus ".limits" (run.cgm, run00.cgm, run07.cgm ->
/// run.limits).
std::string view_request_path(const std::string& path);

/// Writes `request` to `path` whole (temporary name in the same folder,
/// then rename). Throws std::runtime_error naming the file.
void write_view_request(const std::string& path, const ViewRequest& request);

/// Reads a request file: nullopt when there is none; throws
/// std::invalid_argument (naming the file and line) when it is malformed.
std::optional<ViewRequest> read_view_request(const std::string& path);

}  // namespace pargist::cgm
