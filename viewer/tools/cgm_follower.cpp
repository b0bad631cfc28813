#include "cgm_follower.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iterator>
#include <set>
#include <utility>
#include <vector>

namespace pargist::view_tool {
namespace {

constexpr std::uint8_t kEndMetafile[2] = {0x00, 0x40};
constexpr std::size_t kCachedPages = 16;

bool is_file(const std::string& path, struct stat* st = nullptr) {
  struct stat local;
  struct stat* s = st ? st : &local;
  return ::stat(path.c_str(), s) == 0 && S_ISREG(s->st_mode);
}

// The names whose next name in the family (cgm::next_family_name, Gist's
// IncrementName) is `path`: run03.cgm <- run02.cgm, ruo.cgm <- run.cgm,
// run10.cgm <- run09.cgm; a '0' may also come from a 'z' or 'Z' that wrapped.
std::vector<std::string> previous_family_names(const std::string& path) {
  std::vector<std::string> names;
  std::string name = path;
  std::size_t i = name.size() >= 4 && (name.compare(name.size() - 4, 4, ".cgm") == 0 ||
                                        name.compare(name.size() - 4, 4, ".CGM") == 0)
                      ? name.size() - 4
                      : name.size();
  const std::size_t stop = name.find_last_of('/') == std::string::npos ? 0 : name.find_last_of('/') + 1;
  while (i-- > stop) {
    char& c = name[i];
    if (c != '0') {
      if (c > ' ' && c != '/') {
        --c;
        names.push_back(name);
      }
      break;
    }
    for (char wrapped : {'z', 'Z'}) {
      std::string other = name;
      other[i] = wrapped;
      names.push_back(other);
    }
    c = '9';  // or a '9' that carried into the character before
  }
  return names;
}

// The existing file before `path` in its family, or "".
std::string existing_previous(const std::string& path) {
  for (const std::string& name : previous_family_names(path))
    if (is_file(name)) return name;
  return "";
}

// Reads [from, to) of an open file; false on a read error.
bool read_range(int fd, std::uint64_t from, std::uint64_t to, std::vector<std::uint8_t>& out) {
  out.resize(std::size_t(to - from));
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::pread(fd, out.data() + done, out.size() - done, off_t(from + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      out.resize(done);  // the file shrank meanwhile: the caller sees fewer bytes
      return n == 0;
    }
    done += std::size_t(n);
  }
  return true;
}

}  // namespace

CgmFollower::CgmFollower(const std::string& path) {
  if (is_file(path)) {
    // Any file of the family: go back to its first one.
    first_ = path;
    // (Gist's names can cycle, a0 -> a1 ... az -> a0: stop where one repeats.)
    std::set<std::string> seen{first_};
    for (std::string before = existing_previous(first_); !before.empty() && seen.insert(before).second;
         before = existing_previous(first_))
      first_ = before;
  } else {
    first_ = path;  // the job's first file has the name it gave hcp_file (Gist)
  }
  restart();
}

void CgmFollower::restart() {
  ++generation_;
  files_.assign(1, File{});
  files_[0].name = first_;
  pages_.clear();
  cache_.clear();
}

bool CgmFollower::poll() {
  std::lock_guard<std::mutex> lock(mutex_);
  bool changed = false;
  // A new run of the job replaces the first file (a new inode): start over.
  struct stat st;
  if (files_[0].inode != 0 && is_file(first_, &st) && st.st_ino != files_[0].inode) {
    messages_.push_back(first_ + " was written anew: following the new run");
    restart();
    changed = true;
  }
  const std::size_t before = pages_.size();
  const unsigned long generation = generation_;
  for (int files = 0; files < 1000 && read_current(); ++files) {
  }
  return changed || generation != generation_ || pages_.size() != before;
}

bool CgmFollower::read_current() {
  File& f = files_.back();
  const std::size_t file_index = files_.size() - 1;
  // Checked before reading: once the next file exists, this one is closed
  // and everything read below is final.
  const std::string next = cgm::next_family_name(f.name);
  const bool finished = next != f.name && is_file(next);

  const int fd = ::open(f.name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno != ENOENT && last_error_ != f.name) {
      messages_.push_back(f.name + ": cannot open: " + std::strerror(errno));
      last_error_ = f.name;
    }
    return false;
  }
  struct stat st;
  std::vector<std::uint8_t> bytes;
  const bool ok = ::fstat(fd, &st) == 0 &&
                  (f.inode == 0 || st.st_ino == f.inode) &&
                  std::uint64_t(st.st_size) >= f.resume &&
                  read_range(fd, f.header.empty() ? 0 : f.resume, std::uint64_t(st.st_size), bytes);
  ::close(fd);
  if (!ok) {
    // Replaced or cut short under us: a new run; the next poll starts over.
    if (file_index > 0 || f.inode != 0) {
      messages_.push_back(f.name + " changed under the viewer: following it anew");
      restart();
    }
    return false;
  }
  f.inode = st.st_ino;

  // What to parse: the header once, then the header again before the bytes
  // after `resume` (the descriptor is all a picture depends on).
  const bool first_read = f.header.empty();
  std::vector<std::uint8_t> buffer;
  if (first_read) {
    buffer = std::move(bytes);
  } else {
    buffer.reserve(f.header.size() + bytes.size());
    buffer = f.header;
    buffer.insert(buffer.end(), bytes.begin(), bytes.end());
  }
  const cgm::CgmDocument doc = cgm::read_cgm_bytes(buffer.data(), buffer.size(), f.name);
  if (finished && doc.error && last_error_ != *doc.error) {
    // A finished file that does not read to its end: what follows the
    // problem is lost; the family goes on in the next file.
    messages_.push_back(*doc.error);
    last_error_ = *doc.error;
  }
  if (first_read && doc.pages.empty()) {
    if (!finished) return false;  // nothing whole yet
    files_.push_back(File{});
    files_.back().name = next;
    return true;
  }
  if (first_read) {
    f.header.assign(buffer.begin(), buffer.begin() + std::ptrdiff_t(doc.pages.front().offset));
    f.resume = doc.pages.front().offset;
  }
  const std::size_t hs = f.header.size();
  const std::uint8_t* tail = buffer.data() + hs;  // the file's bytes from `resume` on
  const std::size_t tail_size = buffer.size() - hs;

  std::size_t accepted = 0, accepted_end = 0;
  for (const cgm::CgmPage& p : doc.pages) {
    const std::size_t end = p.end - hs;
    const bool stable = finished || (f.unsure.size() >= end && std::memcmp(f.unsure.data(), tail, end) == 0);
    if (!stable) break;
    const std::size_t index = pages_.size();
    pages_.push_back(PageRef{file_index, f.resume + (p.offset - hs), f.resume + end});
    auto page = std::make_shared<cgm::CgmPage>(p);
    page->offset = std::size_t(pages_.back().offset);
    page->end = std::size_t(pages_.back().end);
    remember(std::move(page), index);
    ++accepted;
    accepted_end = end;
  }
  f.resume += accepted_end;
  f.unsure.assign(tail + accepted_end, tail + tail_size);

  if (finished && accepted == doc.pages.size()) {
    File successor;
    successor.name = next;
    files_.push_back(std::move(successor));
    return true;
  }
  return false;
}

std::size_t CgmFollower::count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return pages_.size();
}

void CgmFollower::remember(std::shared_ptr<const cgm::CgmPage> page, std::size_t index) const {
  cache_[index] = std::move(page);
  while (cache_.size() > kCachedPages) {
    // Drop the page farthest from the one just used.
    auto first = cache_.begin(), last = std::prev(cache_.end());
    cache_.erase(index - first->first > last->first - index ? first : last);
  }
}

std::shared_ptr<const cgm::CgmPage> CgmFollower::page(std::size_t index) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (index >= pages_.size()) return nullptr;
  auto hit = cache_.find(index);
  if (hit != cache_.end()) return hit->second;

  const PageRef& ref = pages_[index];
  const File& f = files_[ref.file];
  const int fd = ::open(f.name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  std::vector<std::uint8_t> bytes;
  const bool ok = read_range(fd, ref.offset, ref.end, bytes) && bytes.size() == ref.end - ref.offset;
  ::close(fd);
  if (!ok) return nullptr;
  std::vector<std::uint8_t> buffer = f.header;
  buffer.insert(buffer.end(), bytes.begin(), bytes.end());
  buffer.insert(buffer.end(), kEndMetafile, kEndMetafile + 2);
  cgm::CgmDocument doc = cgm::read_cgm_bytes(buffer.data(), buffer.size(), f.name);
  if (doc.pages.size() != 1) return nullptr;
  auto page = std::make_shared<cgm::CgmPage>(std::move(doc.pages.front()));
  page->offset = std::size_t(ref.offset);
  page->end = std::size_t(ref.end);
  remember(page, index);
  return page;
}

std::vector<std::string> CgmFollower::take_messages() {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::exchange(messages_, {});
}

}  // namespace pargist::view_tool
