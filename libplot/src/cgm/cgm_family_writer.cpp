// A family of CGM files written picture by picture, crash-safe as Gist's:
// after every picture each file on disk is a complete metafile.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "cgm_elements.hpp"
#include "pargist/libplot/cgm.hpp"

namespace pargist::cgm {
namespace {

constexpr std::uint8_t kEndMetafile[2] = {0x00, 0x40};  // class 0, id 2, no parameters

// Writes the pieces one after the other at `at`, in one system call when the
// kernel takes them whole (pwritev), looping on partial writes.
void write_all(int fd, std::vector<iovec> pieces, std::uint64_t at, const std::string& name) {
  std::size_t first = 0;
  while (first < pieces.size()) {
    const ssize_t done = ::pwritev(fd, pieces.data() + first, int(pieces.size() - first), off_t(at));
    if (done < 0) {
      if (errno == EINTR) continue;
      throw CgmWriteError("cannot write CGM file " + name + ": " + std::strerror(errno));
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

}  // namespace

CgmFamilyWriter::CgmFamilyWriter(const std::string& path, const CgmOptions& options)
    : options_(options), renderer_(options), next_name_(path) {
  if (path.empty()) throw CgmWriteError("CGM file name is empty");
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

void CgmFamilyWriter::append(const std::vector<std::uint8_t>& picture) {
  // The picture and a fresh END METAFILE go down in one write over the
  // previous END METAFILE: the file is a complete metafile before and after.
  const bool new_file = fd_ < 0;
  std::vector<std::uint8_t> header;
  if (new_file) header = renderer_.metafile_header("pargist " + next_name_);
  auto piece = [](const std::uint8_t* p, std::size_t n) {
    return iovec{const_cast<std::uint8_t*>(p), n};
  };
  const std::vector<iovec> block = {piece(header.data(), header.size()),
                                    piece(picture.data(), picture.size()),
                                    piece(kEndMetafile, 2)};
  const std::size_t block_size = header.size() + picture.size() + 2;

  if (new_file) {
    // A new file appears under its final name only once it holds a picture.
    const std::string& name = next_name_;
    const std::string tmp = name + ".tmp" + std::to_string(::getpid());
    fd_ = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) throw CgmWriteError("cannot create CGM file " + tmp + ": " + std::strerror(errno));
    try {
      write_all(fd_, block, 0, tmp);
    } catch (...) {
      ::close(fd_);
      fd_ = -1;
      ::unlink(tmp.c_str());
      throw;
    }
    if (::rename(tmp.c_str(), name.c_str()) != 0) {
      const int err = errno;
      ::close(fd_);
      fd_ = -1;
      ::unlink(tmp.c_str());
      throw CgmWriteError("cannot rename " + tmp + " to " + name + ": " + std::strerror(err));
    }
    files_.push_back(name);
    end_ = block_size - 2;
  } else {
    write_all(fd_, block, end_, files_.back());
    end_ += block_size - 2;
  }
  // Past the size limit the next picture starts the next file (Gist's rule:
  // checked after a picture, so a picture is never split).
  if (end_ + 2 >= options_.max_file_bytes) {
    ::close(fd_);
    fd_ = -1;
    next_name_ = next_family_name(files_.back());
  }
}

std::string CgmFamilyWriter::close() {
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
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
