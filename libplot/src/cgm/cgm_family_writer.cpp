// A family of CGM files written picture by picture, crash-safe as Gist's:
// after every picture each file on disk is a complete metafile.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "cgm_elements.hpp"
#include "cgm_family_names.hpp"
#include "pargist/libplot/cgm.hpp"

namespace pargist::cgm {
namespace {

constexpr std::uint8_t kEndMetafile[2] = {0x00, 0x40};  // class 0, id 2, no parameters

void write_all(int fd, const std::uint8_t* data, std::size_t n, std::uint64_t at,
               const std::string& name) {
  while (n > 0) {
    const ssize_t done = ::pwrite(fd, data, n, static_cast<off_t>(at));
    if (done < 0) {
      if (errno == EINTR) continue;
      throw CgmWriteError("cannot write CGM file " + name + ": " + std::strerror(errno));
    }
    data += done;
    n -= std::size_t(done);
    at += std::uint64_t(done);
  }
}

}  // namespace

CgmFamilyWriter::CgmFamilyWriter(const std::string& path, const CgmOptions& options)
    : options_(options), renderer_(options), next_name_(first_family_name(path)) {
  if (path.empty()) throw CgmWriteError("CGM file name is empty");
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
  std::vector<std::uint8_t> block;
  const bool new_file = fd_ < 0;
  if (new_file) block = renderer_.metafile_header("pargist " + next_name_);
  block.insert(block.end(), picture.begin(), picture.end());
  block.insert(block.end(), kEndMetafile, kEndMetafile + 2);

  if (new_file) {
    // A new file appears under its final name only once it holds a picture.
    const std::string& name = next_name_;
    const std::string tmp = name + ".tmp" + std::to_string(::getpid());
    fd_ = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) throw CgmWriteError("cannot create CGM file " + tmp + ": " + std::strerror(errno));
    try {
      write_all(fd_, block.data(), block.size(), 0, tmp);
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
    end_ = block.size() - 2;
  } else {
    write_all(fd_, block.data(), block.size(), end_, files_.back());
    end_ += block.size() - 2;
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

std::unique_ptr<plot::FrameSink> open_cgm_family(const std::string& path, const CgmOptions& options) {
  return std::make_unique<CgmFamilyWriter>(path, options);
}

}  // namespace pargist::cgm
