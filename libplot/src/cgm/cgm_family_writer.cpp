// A family of CGM files written picture by picture: at every moment, each
// file on disk is a complete metafile holding every finished picture, even
// when a write fails half-way or the process is killed during one.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <stdexcept>

#include "cgm_elements.hpp"
#include "../files.hpp"
#include "pargist/libplot/cgm.hpp"

namespace pargist::cgm {
namespace {

constexpr std::uint8_t kEndMetafile[2] = {0x00, 0x40};  // class 0, id 2, no parameters
constexpr std::uint8_t kNoOp[2] = {0x00, 0x00};         // class 0, id 0, no parameters

CgmWriteError cannot_write(const std::string& name, int err) {
  return CgmWriteError(err, "pargist: cannot write CGM file " + name, name);
}

// Writes the pieces one after the other at `at`, in one system call when the
// kernel takes them whole (pwritev), looping on partial writes.
void write_all(int fd, std::vector<iovec> pieces, std::uint64_t at, const std::string& name) {
  std::size_t first = 0;
  while (first < pieces.size()) {
    const ssize_t done = ::pwritev(fd, pieces.data() + first, int(pieces.size() - first), off_t(at));
    if (done < 0) {
      if (errno == EINTR) continue;
      throw cannot_write(name, errno);
    }
    at += std::uint64_t(done);
    std::size_t left = std::size_t(done);
    while (first < pieces.size() && left >= pieces[first].iov_len) left -= pieces[first++].iov_len;
    if (first < pieces.size()) {
      pieces[first].iov_base = static_cast<char*>(pieces[first].iov_base) + left;
      pieces[first].iov_len -= left;
    }
  }
}

iovec piece(const std::uint8_t* p, std::size_t n) { return iovec{const_cast<std::uint8_t*>(p), n}; }

}  // namespace

CgmFamilyWriter::CgmFamilyWriter(const std::string& path, const CgmOptions& options)
    : options_(options), renderer_(options), next_name_(path) {
  if (path.empty()) throw std::invalid_argument("pargist: the CGM file name is empty");
  // A name that cannot be written fails here, when the file is named.
  try {
    plot::detail::WholeFile::check_writable(next_name_);
  } catch (const plot::FileError& e) {
    throw CgmWriteError(e);
  }
  // A request left by a viewer of an earlier run of the same name is not
  // meant for this one.
  request_path_ = view_request_path(next_name_);
  ::unlink(request_path_.c_str());
}

CgmFamilyWriter::~CgmFamilyWriter() { close(); }

void CgmFamilyWriter::write(const plot::Frame& frame) { write(frame, plot::RenderOptions{}); }

void CgmFamilyWriter::write(const plot::Frame& frame, const plot::RenderOptions& options) {
  renderer_.set_page_number(int(pictures_) + 1);
  plot::render(frame, renderer_, options);
  append(renderer_.picture());
  ++pictures_;
}

void CgmFamilyWriter::start_file(const std::vector<std::uint8_t>& picture) {
  // A new file appears under its name only once it holds a whole picture.
  const std::vector<std::uint8_t> header = renderer_.metafile_header("pargist " + next_name_);
  auto file = std::make_unique<plot::detail::WholeFile>(next_name_);
  try {
    file->write(header.data(), header.size());
    file->write(picture.data(), picture.size());
    file->write(kEndMetafile, 2);
    file->commit();
  } catch (const plot::FileError& e) {
    throw CgmWriteError(e);
  }
  current_ = std::move(file);
  files_.push_back(next_name_);
  end_ = header.size() + picture.size();
}

void CgmFamilyWriter::add_picture(const std::vector<std::uint8_t>& picture) {
  // Whatever happens, the file on disk stays a complete metafile:
  //  1. the picture and a new END METAFILE go after the current END METAFILE,
  //     where readers (Gist's and ours) never look: a write cut short by a
  //     full disk or a killed process is invisible;
  //  2. one 2-byte write turns the old END METAFILE into a NO-OP, and the
  //     picture is in the metafile.
  // A failure truncates the file back to what it was.
  const int fd = current_->fd();
  const std::string& name = files_.back();
  try {
    write_all(fd, {piece(picture.data(), picture.size()), piece(kEndMetafile, 2)}, end_ + 2, name);
    write_all(fd, {piece(kNoOp, 2)}, end_, name);
  } catch (...) {
    while (::ftruncate(fd, off_t(end_ + 2)) != 0 && errno == EINTR) {
    }
    throw;
  }
  end_ += 2 + picture.size();
}

void CgmFamilyWriter::append(const std::vector<std::uint8_t>& picture) {
  if (!current_) start_file(picture);
  else add_picture(picture);
  // Past the size limit the next picture starts the next file (Gist's rule:
  // checked after a picture, so a picture is never split).
  if (end_ + 2 >= options_.max_file_bytes) {
    current_.reset();
    next_name_ = next_family_name(files_.back());
  }
}

std::string CgmFamilyWriter::close() {
  if (current_) {
    current_.reset();
    next_name_ = next_family_name(files_.back());
  }
  return files_.empty() ? std::string() : files_.back();
}

std::vector<std::pair<int, plot::Limits>> CgmFamilyWriter::requested_limits() {
  struct stat st;
  if (::stat(request_path_.c_str(), &st) != 0) {
    request_seen_ = {};
    return {};
  }
  const RequestStamp stamp{static_cast<unsigned long long>(st.st_ino),
                           static_cast<unsigned long long>(st.st_size),
                           static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec};
  if (stamp == request_seen_) return {};
  request_seen_ = stamp;
  try {
    const auto request = read_view_request(request_path_);
    if (!request || request->id == request_id_) return {};
    request_id_ = request->id;
    return request->systems;
  } catch (const std::invalid_argument& e) {
    if (!request_warned_) {
      std::fprintf(stderr, "pargist: warning: ignoring the view request %s\n", e.what());
      request_warned_ = true;
    }
    return {};
  }
}

std::unique_ptr<plot::FrameSink> open_cgm_family(const std::string& path, const CgmOptions& options) {
  return std::make_unique<CgmFamilyWriter>(path, options);
}

}  // namespace pargist::cgm
