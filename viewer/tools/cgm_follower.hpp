// Reading a CGM family while a running job writes it (pargist-view
// --follow): each poll reads only the bytes added since the last one, moves
// on to the next file of the family when the job rolls over, and never
// hands out a partial page.
//
// A page counts once it is whole (its END PICTURE read) and its bytes read
// the same at two successive polls: on a network file system another
// client's writes may show up out of order for a moment, and a page is
// never shown from a mix of old and new bytes. A file whose successor
// exists is finished (the writer closes it before starting the next), so
// its pages count at once.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "pargist/libplot/cgm.hpp"

namespace pargist::view_tool {

class CgmFollower {
 public:
  /// `path`: the name the job gave hcp_file (its first file, as Gist)
  /// or any file of the family.
  explicit CgmFollower(const std::string& path);

  /// Reads what the job added since the last call; true when the pages
  /// changed (new ones, or a new run of the job started the family over).
  /// Call from one thread.
  bool poll();

  /// Pages known so far. Thread-safe.
  std::size_t count() const;
  /// Page `index` (0-based), read again from its file (recent ones are
  /// kept); nullptr past the end or if its file is gone. Thread-safe.
  std::shared_ptr<const cgm::CgmPage> page(std::size_t index) const;

  /// The first file of the family, and its request file (the back channel).
  const std::string& first_file() const { return first_; }
  std::string request_path() const { return cgm::view_request_path(first_); }
  /// Problems met while reading (one line each, newest last); cleared by the call.
  std::vector<std::string> take_messages();

 private:
  struct File {
    std::string name;
    ino_t inode = 0;
    std::vector<std::uint8_t> header;   ///< bytes before the first picture
    std::uint64_t resume = 0;           ///< end of the last page counted
    std::vector<std::uint8_t> unsure;   ///< bytes after `resume` seen last poll
  };
  struct PageRef {
    std::size_t file;                   ///< index into files_
    std::uint64_t offset, end;
  };

  bool read_current();
  void restart();
  void remember(std::shared_ptr<const cgm::CgmPage> page, std::size_t index) const;

  std::string first_;
  mutable std::mutex mutex_;            ///< guards files_, pages_, cache_
  std::vector<File> files_;             ///< the family so far; the last is being read
  std::vector<PageRef> pages_;
  mutable std::map<std::size_t, std::shared_ptr<const cgm::CgmPage>> cache_;
  std::vector<std::string> messages_;
  std::string last_error_;
  unsigned long generation_ = 0;        ///< counts restarts
};

}  // namespace pargist::view_tool
