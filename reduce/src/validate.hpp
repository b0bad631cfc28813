// Local input checks before a collective: the first failure's message is
// kept, then Comm::check() makes every rank agree and throw the same error.
#pragma once

#include <pargist/reduce/array_view.hpp>
#include <pargist/reduce/comm.hpp>
#include <pargist/reduce/selection.hpp>

#include <cmath>
#include <string>
#include <type_traits>
#include <vector>

namespace pargist::reduce::detail {

class Validator {
 public:
  explicit Validator(std::string function) : function_(std::move(function)) {}

  // Records the message (the first one only) when cond is false. `message`
  // is a string or a callable returning one: the checks run at every call of
  // a collective, so a message with numbers in it is composed only when the
  // check fails (formatting doubles costs more than a small deposition).
  template <class Message>
  Validator& require(bool cond, Message&& message) {
    if (!cond && ok_) {
      ok_ = false;
      if constexpr (std::is_invocable_v<Message>)
        message_ = function_ + ": " + std::string(message());
      else
        message_ = function_ + ": " + std::string(message);
    }
    return *this;
  }
  bool ok() const { return ok_; }

  // A view that can be read: non-null data when non-empty.
  Validator& view(const std::string& name, const ArrayView& v) {
    return require(v.size == 0 || v.data != nullptr, [&] { return "argument '" + name + "' has no data"; });
  }
  // A particle array of the expected length.
  Validator& particles(const std::string& name, const ArrayView& v, std::size_t n, const std::string& first) {
    view(name, v);
    return require(v.size == n, [&] {
      return "argument '" + name + "' has " + std::to_string(v.size) + " elements but '" + first + "' has " +
             std::to_string(n);
    });
  }
  // The selection's mask and windows match the particle count n.
  Validator& selection(const Selection& s, std::size_t n, const std::string& first);

  Validator& finite(const std::string& name, double v) {
    return require(std::isfinite(v), [&] { return "argument '" + name + "' must be finite, got " + std::to_string(v); });
  }
  Validator& root(const Comm& comm, int root) {
    return require(root >= 0 && root < comm.size(),
                   [&] { return "argument 'root' is " + std::to_string(root) + ", not a rank of the communicator"; });
  }

  // Collective: every rank throws std::invalid_argument if any rank failed.
  void agree(const Comm& comm) const { comm.check(ok_, message_); }

 private:
  std::string function_;
  bool ok_ = true;
  std::string message_;
};

}  // namespace pargist::reduce::detail
