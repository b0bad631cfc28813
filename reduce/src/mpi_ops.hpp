// Internal MPI building blocks shared by the collectives: byte transfers of
// any length and reductions in a fixed (rank) order.
#pragma once

#include <pargist/reduce/comm.hpp>  // <mpi.h>, C API only

#include <cstddef>
#include <cstdint>
#include <vector>

namespace pargist::reduce::detail {

// MPI_Bcast of n bytes, in pieces below INT_MAX.
void bcast_bytes(void* data, std::size_t n, int root, MPI_Comm comm);

// Every rank's bytes to root (MPI_Gatherv), in rank order; empty off root.
std::vector<std::vector<char>> gatherv_bytes(const void* data, std::size_t n, int root, MPI_Comm comm);

// Elementwise sum of doubles over ranks, combined in rank order (a
// non-commutative MPI_Op), so the rounding does not depend on MPI's tree.
// In place; root < 0 means every rank gets the result, otherwise only root,
// which then receives exactly one buffer whatever the number of ranks.
void ordered_sum(double* data, std::size_t n, MPI_Comm comm, int root);

// Elementwise sum of unsigned 64-bit counts (exact), in place; root < 0: all.
void sum_counts(std::uint64_t* data, std::size_t n, MPI_Comm comm, int root);

// Elementwise max of doubles (NaN-free input), in place; root < 0: all.
void max_values(double* data, std::size_t n, MPI_Comm comm, int root);

// One allreduce of 2*half doubles: elementwise MAX over the first half and
// SUM (in rank order) over the second, in place, result on every rank.
void allreduce_max_then_sum(double* data, std::size_t half, MPI_Comm comm);

// Largest count a single MPI call here accepts.
constexpr std::size_t max_mpi_count = 1u << 30;

}  // namespace pargist::reduce::detail
