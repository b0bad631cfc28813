#include "node_dir.hpp"

#include <dirent.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <sys/syscall.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sendfile.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace pargist::embed {
namespace {

// A directory we may create files in and map them executable from.
bool usable_base(const std::string& dir) {
  struct stat st;
  if (dir.empty() || ::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return false;
  if (::access(dir.c_str(), W_OK | X_OK) != 0) return false;
  struct statvfs vfs;
  if (::statvfs(dir.c_str(), &vfs) == 0 && (vfs.f_flag & ST_NOEXEC)) return false;
  return true;
}

// The directory to clean when the job is killed (MPI_Abort sends SIGTERM):
// the handler only uses system calls, so it is async-signal-safe. Only the
// process that created it removes it: a child forked by the script
// (multiprocessing's Pool terminates its workers with SIGTERM) must not
// take away the directory its parent rank still loads from.
char doomed_dir[4096];
pid_t doomed_dir_owner = 0;

// The write end of the watcher's pipe (see watch_node_dir) and its directory.
int watcher_fd = -1;
std::string watched_dir;

void remove_dir_raw(const char* dir) {
  int fd = ::open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    alignas(8) char buf[4096];
    long n;
    while ((n = ::syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
      for (long off = 0; off < n;) {
        // struct linux_dirent64: ino (8), off (8), reclen (2), type (1), name
        unsigned short reclen;
        std::memcpy(&reclen, buf + off + 16, sizeof reclen);
        const char* name = buf + off + 19;
        if (!(name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))))
          ::unlinkat(fd, name, 0);
        off += reclen;
      }
    }
    ::close(fd);
  }
  ::rmdir(dir);
}

void on_termination(int sig) {
  if (doomed_dir[0] && ::getpid() == doomed_dir_owner) remove_dir_raw(doomed_dir);
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

void remove_on_termination(const std::string& dir) {
  if (dir.size() >= sizeof doomed_dir) return;
  std::memcpy(doomed_dir, dir.c_str(), dir.size() + 1);
  doomed_dir_owner = ::getpid();
  for (int sig : {SIGTERM, SIGHUP}) {
    struct sigaction old;
    if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_DFL) ::signal(sig, on_termination);
  }
}

}  // namespace

std::string create_node_dir() {
  std::vector<std::string> bases;
  if (const char* d = std::getenv("PARGIST_NODE_TMPDIR")) bases.push_back(d);
  bases.push_back("/dev/shm");
  if (const char* d = std::getenv("TMPDIR")) bases.push_back(d);
  bases.push_back("/tmp");
  std::string tried;
  for (const auto& base : bases) {
    tried += (tried.empty() ? "" : ", ") + base;
    if (!usable_base(base)) continue;
    std::string templ = base + "/pargist-python-XXXXXX";
    std::vector<char> buf(templ.begin(), templ.end());
    buf.push_back('\0');
    if (::mkdtemp(buf.data()) != nullptr) {
      remove_on_termination(buf.data());
      return std::string(buf.data());
    }
  }
  throw std::runtime_error("pargist-python: cannot create a node-local directory for "
                           "extension modules (tried " + tried + ")");
}

void write_node_file(const std::string& path, const std::string& data) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0700);
  if (fd < 0)
    throw std::runtime_error("pargist-python: cannot create " + path + ": " + std::strerror(errno));
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      ::unlink(path.c_str());
      throw std::runtime_error("pargist-python: cannot write " + path + ": " + std::strerror(err));
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(path.c_str());
    throw std::runtime_error("pargist-python: cannot write " + path + ": " + std::strerror(err));
  }
}

std::uint64_t copy_node_file(const std::string& from, const std::string& path) {
  const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) throw std::runtime_error("pargist-python: cannot open " + from + ": " + std::strerror(errno));
  struct stat st;
  int out = -1;
  if (::fstat(in, &st) == 0)
    out = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0700);
  if (out < 0) {
    const int err = errno;
    ::close(in);
    throw std::runtime_error("pargist-python: cannot create " + path + ": " + std::strerror(err));
  }
  // The kernel copies page cache to page cache: no pass through user space.
  std::uint64_t done = 0;
  int err = 0;
  while (done < std::uint64_t(st.st_size)) {
    const ssize_t n = ::sendfile(out, in, nullptr, std::size_t(st.st_size) - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      err = n < 0 ? errno : EIO;
      break;
    }
    done += std::uint64_t(n);
  }
  ::close(in);
  if (::close(out) != 0 && err == 0) err = errno;
  if (err != 0) {
    ::unlink(path.c_str());
    throw std::runtime_error("pargist-python: cannot copy " + from + " to " + path + ": " + std::strerror(err));
  }
  return done;
}

// The backstop for what no handler sees: the launcher's SIGKILL (OpenMPI
// sends it a moment after SIGTERM, and a rank waiting for a core on a busy
// node may not have run its handler by then). A shell in a session of its
// own (the launcher kills each rank's process group) waits for the end of a
// pipe this process holds open, which comes when the process ends however
// it ends, then removes the directory. After a normal end the process has
// removed it itself and said so through the pipe: the watcher then leaves
// alone a name that another job's mkdtemp may have picked since.
// It runs in the background of a shell that exits at once, so this process
// has no child of ours to wait for (a script's os.wait() sees none).
// Best effort: without it only a killed job leaves the directory behind.
void watch_node_dir(const std::string& dir) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return;
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  posix_spawn_file_actions_adddup2(&actions, fds[0], 3);  // the read end, open across exec
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  // In / with a bare environment: the shell then looks at no directory of
  // the job (dash checks $PWD against its working directory at start, and
  // the script's directory is on sys.path, maybe on a shared file system).
  posix_spawn_file_actions_addchdir_np(&actions, "/");
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);
  char path_variable[] = "PATH=/usr/bin:/bin";
  char* bare_environment[] = {path_variable, nullptr};
  const char* script = "(read _ <&3 || rm -rf -- \"$0\") &";
  char* argv[] = {const_cast<char*>("sh"), const_cast<char*>("-c"), const_cast<char*>(script),
                  const_cast<char*>(dir.c_str()), nullptr};
  pid_t shell = 0;
  const bool spawned = ::posix_spawn(&shell, "/bin/sh", &actions, &attr, argv, bare_environment) == 0;
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(fds[0]);
  if (!spawned) {
    ::close(fds[1]);
    return;
  }
  while (::waitpid(shell, nullptr, 0) < 0 && errno == EINTR) {
  }
  // fds[1] stays open (close-on-exec) until this process ends. A child the
  // script forks holds a copy too: the directory then goes when both end.
  watcher_fd = fds[1];
  watched_dir = dir;
}

void remove_node_dir(const std::string& dir) {
  if (dir.empty()) return;
  remove_dir_raw(dir.c_str());
  if (dir == watched_dir && watcher_fd >= 0) {
    const ssize_t said = ::write(watcher_fd, "\n", 1);  // removed: the watcher may go
    (void)said;
    ::close(watcher_fd);
    watcher_fd = -1;
    watched_dir.clear();
  }
  if (dir == doomed_dir) doomed_dir[0] = 0;
}

}  // namespace pargist::embed
