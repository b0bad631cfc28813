// The collective error rule, in one place for C++ and Python: a rank that
// fails reports what failed (its kind and message), all ranks agree, and
// every rank raises the same error, "<message> (rank N)" naming the lowest
// failing rank. Comm::agree / check / agree_on / on_root (comm.hpp) are the
// collectives; this header is what travels and what is thrown.
#pragma once

#include <exception>
#include <stdexcept>
#include <string>

namespace pargist::reduce {

// An error as it travels between ranks. `kind` names the exception class in
// Python's terms ("ValueError", "TypeError", "IndexError", "OSError", ...):
// Python raises most of them and C++ exceptions map onto those names.
struct ErrorReport {
  std::string kind;
  std::string message;
};

// The report of a C++ exception: std::invalid_argument is a "ValueError",
// std::out_of_range an "IndexError", std::overflow_error an "OverflowError",
// std::system_error and std::ios_base::failure an "OSError" (an errno leads
// the message as Python writes it: "[Errno 28] ..."), std::bad_alloc a
// "MemoryError", any other exception a "RuntimeError".
ErrorReport describe_exception(const std::exception_ptr& e);

// How every rank words an error that rank `rank` saw: "<message> (rank N)".
std::string rank_message(const std::string& message, int rank);

// The outcome of a collective agreement: the same on every rank.
struct Agreement {
  bool ok = true;
  int failed_rank = -1;  // lowest rank that reported a failure, -1 when ok
  std::string kind;      // that rank's ErrorReport, empty when ok
  std::string message;

  // rank_message(message, failed_rank).
  std::string what() const { return rank_message(message, failed_rank); }
  // Throws the CollectiveError of this failure; does nothing when ok.
  void raise_if_failed() const;
};

// What every rank throws after a failed agreement. The object is also the
// standard exception of its kind (see throw_collective_error), so callers
// keep catching std::invalid_argument and friends; catch CollectiveError to
// read the kind and the failing rank (the Python binding does, to raise the
// Python exception of that kind).
class CollectiveError {
 public:
  explicit CollectiveError(Agreement failure) : failure_(std::move(failure)) {}
  virtual ~CollectiveError() = default;
  const std::string& kind() const { return failure_.kind; }
  const std::string& message() const { return failure_.message; }  // without the rank
  int failed_rank() const { return failure_.failed_rank; }
  const Agreement& agreement() const { return failure_; }

 private:
  Agreement failure_;
};

// Throws `failure` as a CollectiveError that is also a std::invalid_argument
// (kinds ValueError, TypeError), std::out_of_range (IndexError, KeyError,
// LookupError), std::overflow_error (OverflowError) or std::runtime_error
// (any other kind), with what() == failure.what().
[[noreturn]] void throw_collective_error(const Agreement& failure);

}  // namespace pargist::reduce
