// A model of a parallel file system's metadata server, for the start-up
// benchmark (tests/bench/fuse_bench.py): a read-only FUSE file system that
// passes a directory tree through and serves every request one at a time,
// each after a fixed service time, with the kernel's caches off (entries,
// attributes and file data are asked for every time, as if every process ran
// on its own node).
//
//   fuse_metadata_server ROOT MOUNTPOINT SERVICE_US
//
// Runs in the foreground until unmounted (fusermount3 -u MOUNTPOINT). The
// virtual file MOUNTPOINT/.server_requests (not itself counted or delayed)
// holds the number of requests served so far, by kind.
#define FUSE_USE_VERSION 35
#include <fuse3/fuse.h>

#include <dirent.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>

namespace {

std::string root;
long service_ns = 0;
std::map<std::string, long> served;  // requests by kind (one thread serves them all)
constexpr const char* kStats = "/.server_requests";

// One request: counted, then the service time (the server does nothing
// else meanwhile: requests from every process queue behind it).
void serve(const char* kind) {
  ++served[kind];
  if (service_ns <= 0) return;
  timespec until;
  clock_gettime(CLOCK_MONOTONIC, &until);
  until.tv_nsec += service_ns;
  until.tv_sec += until.tv_nsec / 1000000000L;
  until.tv_nsec %= 1000000000L;
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, nullptr) == EINTR) {
  }
}

std::string real(const char* path) { return root + path; }

std::string stats_text() {
  std::string s;
  long total = 0;
  for (const auto& [kind, n] : served) s += kind + " " + std::to_string(n) + "\n", total += n;
  return "total " + std::to_string(total) + "\n" + s;
}

int fs_getattr(const char* path, struct stat* st, fuse_file_info*) {
  if (std::strcmp(path, kStats) == 0) {
    std::memset(st, 0, sizeof *st);
    st->st_mode = S_IFREG | 0444;
    st->st_nlink = 1;
    st->st_size = 4096;
    return 0;
  }
  serve("getattr");
  return lstat(real(path).c_str(), st) == 0 ? 0 : -errno;
}

int fs_access(const char* path, int mask) {
  serve("access");
  return access(real(path).c_str(), mask) == 0 ? 0 : -errno;
}

int fs_readlink(const char* path, char* buf, size_t size) {
  serve("readlink");
  const ssize_t n = readlink(real(path).c_str(), buf, size - 1);
  if (n < 0) return -errno;
  buf[n] = '\0';
  return 0;
}

int fs_opendir(const char* path, fuse_file_info* fi) {
  serve("opendir");
  DIR* d = opendir(real(path).c_str());
  if (!d) return -errno;
  fi->fh = reinterpret_cast<std::uintptr_t>(d);
  return 0;
}

int fs_readdir(const char*, void* buf, fuse_fill_dir_t fill, off_t, fuse_file_info* fi, fuse_readdir_flags) {
  serve("readdir");
  DIR* d = reinterpret_cast<DIR*>(fi->fh);
  rewinddir(d);
  while (dirent* e = readdir(d)) {
    struct stat st {};
    st.st_ino = e->d_ino;
    st.st_mode = DTTOIF(e->d_type);
    if (fill(buf, e->d_name, &st, 0, fuse_fill_dir_flags(0))) break;
  }
  return 0;
}

int fs_releasedir(const char*, fuse_file_info* fi) {
  serve("releasedir");
  closedir(reinterpret_cast<DIR*>(fi->fh));
  return 0;
}

int fs_open(const char* path, fuse_file_info* fi) {
  if ((fi->flags & O_ACCMODE) != O_RDONLY) return -EROFS;
  fi->direct_io = 1;  // no page cache: every read comes here
  if (std::strcmp(path, kStats) == 0) {
    fi->fh = ~std::uint64_t(0);
    return 0;
  }
  serve("open");
  const int fd = open(real(path).c_str(), fi->flags);
  if (fd < 0) return -errno;
  fi->fh = std::uint64_t(fd);
  return 0;
}

int fs_read(const char*, char* buf, size_t size, off_t offset, fuse_file_info* fi) {
  if (fi->fh == ~std::uint64_t(0)) {
    const std::string s = stats_text();
    if (offset >= off_t(s.size())) return 0;
    const size_t n = std::min(size, s.size() - size_t(offset));
    std::memcpy(buf, s.data() + offset, n);
    return int(n);
  }
  serve("read");
  const ssize_t n = pread(int(fi->fh), buf, size, offset);
  return n < 0 ? -errno : int(n);
}

int fs_release(const char*, fuse_file_info* fi) {
  if (fi->fh == ~std::uint64_t(0)) return 0;
  serve("release");
  close(int(fi->fh));
  return 0;
}

int fs_statfs(const char* path, struct statvfs* st) {
  serve("statfs");
  return statvfs(real(path).c_str(), st) == 0 ? 0 : -errno;
}

void* fs_init(fuse_conn_info*, fuse_config* cfg) {
  // The kernel's caches off: every lookup, attribute and read is a request.
  cfg->entry_timeout = 0;
  cfg->attr_timeout = 0;
  cfg->negative_timeout = 0;
  cfg->direct_io = 1;
  cfg->kernel_cache = 0;
  cfg->use_ino = 1;
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s ROOT MOUNTPOINT SERVICE_US\n", argv[0]);
    return 2;
  }
  root = argv[1];
  if (root == "/") root.clear();
  service_ns = std::atol(argv[3]) * 1000L;
  prctl(PR_SET_TIMERSLACK, 1UL);  // sleep the service time, not 50 us more
  fuse_operations ops{};
  ops.getattr = fs_getattr;
  ops.access = fs_access;
  ops.readlink = fs_readlink;
  ops.opendir = fs_opendir;
  ops.readdir = fs_readdir;
  ops.releasedir = fs_releasedir;
  ops.open = fs_open;
  ops.read = fs_read;
  ops.release = fs_release;
  ops.statfs = fs_statfs;
  ops.init = fs_init;
  // -f foreground, -s one thread: the server takes one request at a time.
  char* args[] = {argv[0], argv[2], const_cast<char*>("-f"), const_cast<char*>("-s"), const_cast<char*>("-o"),
                  const_cast<char*>("ro,default_permissions,fsname=pargist-bench")};
  return fuse_main(6, args, &ops, nullptr);
}
