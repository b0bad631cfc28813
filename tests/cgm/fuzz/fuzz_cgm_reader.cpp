// libFuzzer target: any bytes through the CGM reader. The reader must give
// pages or a clear error, never crash, hang, leak or read out of bounds.
#include <cstddef>
#include <cstdint>

#include "pargist/libplot/cgm.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto doc = pargist::cgm::read_cgm_bytes(data, size, "fuzz.cgm");
  // Touch what the reader returned so that bad sizes would show.
  std::size_t n = 0;
  for (const auto& page : doc.pages)
    for (const auto& system : page.frame.systems) n += system.elements.size();
  return n == static_cast<std::size_t>(-1);
}
