// The collective error rule's vocabulary: how a C++ exception is reported to
// the other ranks, how every rank words it, and what every rank throws.
#include <pargist/reduce/agreement.hpp>

#include <ios>
#include <new>
#include <system_error>

namespace pargist::reduce {

namespace {

// The agreed error as the standard exception of its kind, and a CollectiveError.
template <class Std>
class CollectiveErrorOf : public Std, public CollectiveError {
 public:
  explicit CollectiveErrorOf(const Agreement& failure) : Std(failure.what()), CollectiveError(failure) {}
};

}  // namespace

ErrorReport describe_exception(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const CollectiveError& agreed) {
    // Already agreed (a nested collective failed): keep its kind and words.
    return {agreed.kind(), agreed.message()};
  } catch (const std::invalid_argument& x) {
    return {"ValueError", x.what()};
  } catch (const std::out_of_range& x) {
    return {"IndexError", x.what()};
  } catch (const std::overflow_error& x) {
    return {"OverflowError", x.what()};
  } catch (const std::system_error& x) {  // std::ios_base::failure is one
    // An errno travels in Python's words, "[Errno N] ...": Python rebuilds
    // the OSError of that errno (FileNotFoundError, PermissionError...).
    const std::error_category& c = x.code().category();
    if (x.code().value() != 0 && (c == std::generic_category() || c == std::system_category()))
      return {"OSError", "[Errno " + std::to_string(x.code().value()) + "] " + x.what()};
    return {"OSError", x.what()};
  } catch (const std::bad_alloc& x) {
    return {"MemoryError", x.what()};
  } catch (const std::exception& x) {
    return {"RuntimeError", x.what()};
  } catch (...) {
    return {"RuntimeError", "unknown C++ exception"};
  }
}

std::string rank_message(const std::string& message, int rank) {
  return message + " (rank " + std::to_string(rank) + ")";
}

void Agreement::raise_if_failed() const {
  if (!ok) throw_collective_error(*this);
}

void throw_collective_error(const Agreement& failure) {
  const std::string& k = failure.kind;
  if (k == "ValueError" || k == "TypeError") throw CollectiveErrorOf<std::invalid_argument>(failure);
  if (k == "IndexError" || k == "KeyError" || k == "LookupError") throw CollectiveErrorOf<std::out_of_range>(failure);
  if (k == "OverflowError") throw CollectiveErrorOf<std::overflow_error>(failure);
  throw CollectiveErrorOf<std::runtime_error>(failure);
}

}  // namespace pargist::reduce
