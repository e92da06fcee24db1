#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <vector>

#include "gan/kernels/elementwise.h"
#include "gan/kernels/parallel.h"
#include "gan/tensor/rng.h"

namespace k = gan::kernels;
using gan::Scalar;
using gan::Shape;

namespace {

std::vector<Scalar> random_values(int64_t count, gan::Rng& rng) {
  std::vector<Scalar> values(count);
  for (Scalar& v : values) v = rng.normal();
  return values;
}

int64_t numel(const k::BroadcastView& v) { return v.K0 * v.R1 * v.K2 * v.R3 * v.K4; }
int64_t b_numel(const k::BroadcastView& v) { return v.K0 * v.K2 * v.K4; }

bool same_view(const k::BroadcastView& a, const k::BroadcastView& b) {
  return a.K0 == b.K0 && a.R1 == b.R1 && a.K2 == b.K2 && a.R3 == b.R3 && a.K4 == b.K4;
}

// Runs `compute` with 1 thread and with 2 threads and returns both results.
template <class Compute>
std::pair<std::vector<Scalar>, std::vector<Scalar>> with_1_and_2_threads(Compute compute) {
  int saved = k::num_threads();
  k::set_num_threads(1);
  std::vector<Scalar> one = compute();
  k::set_num_threads(2);
  std::vector<Scalar> two = compute();
  k::set_num_threads(saved);
  return {one, two};
}

// Views that cover every kind of run: all kept, b one number, rows, columns, channels, alternating,
// with odd sizes to reach the vector loops' tails, and large ones that run in parallel chunks.
const std::vector<k::BroadcastView> kViews = {
    {1, 1, 1, 1, 1},     {1, 1, 1, 1, 7},    {1, 1, 1, 33, 1},   {1, 1, 7, 33, 1},  {1, 1, 1, 7, 33},
    {1, 7, 33, 7, 1},    {7, 3, 5, 2, 7},    {1, 1, 1, 1, 100003}, {1, 1, 1, 700, 129}, {1, 64, 33, 129, 1},
    {1, 1, 3, 40000, 1}, {5, 2, 1, 3, 9000},
};

}  // namespace

TEST_CASE("broadcast_view collapses shapes into (K0, R1, K2, R3, K4)", "[kernels]") {
  CHECK(same_view(k::broadcast_view({4, 5}, {4, 5}), {1, 1, 1, 1, 20}));
  CHECK(same_view(k::broadcast_view({4, 5}, {5}), {1, 1, 1, 4, 5}));
  CHECK(same_view(k::broadcast_view({4, 5}, {1, 5}), {1, 1, 1, 4, 5}));
  CHECK(same_view(k::broadcast_view({4, 5}, {4, 1}), {1, 1, 4, 5, 1}));
  CHECK(same_view(k::broadcast_view({2, 3, 4, 5}, {1, 3, 1, 1}), {1, 2, 3, 20, 1}));
  CHECK(same_view(k::broadcast_view({2, 3, 4, 5}, {2, 1, 4, 1}), {2, 3, 4, 5, 1}));
  CHECK(same_view(k::broadcast_view({2, 3, 4, 5}, {1, 3, 1, 5}), {1, 2, 3, 4, 5}));
  CHECK(same_view(k::broadcast_view({2, 3}, Shape{}), {1, 1, 1, 6, 1}));
  CHECK(same_view(k::broadcast_view({2, 1, 3}, {1, 1, 3}), {1, 1, 1, 2, 3}));  // size-1 axes drop out
}

TEST_CASE("map matches its plain loop bit for bit on odd and large sizes", "[kernels]") {
  gan::Rng rng(1);
  for (int64_t n : {1, 7, 33, 100003}) {
    auto x = random_values(n, rng), g = random_values(n, rng);
    std::vector<Scalar> out(n, 0.5f), out_ref(n, 0.5f);
    auto f = [](Scalar& out, Scalar x, Scalar g) { out += g * std::tanh(x); };
    k::map(n, out.data(), f, x.data(), g.data());
    k::map_ref(n, out_ref.data(), f, x.data(), g.data());
    INFO("n=" << n);
    CHECK(out == out_ref);
  }
}

TEST_CASE("broadcast_map matches its plain loop bit for bit on every kind of view", "[kernels]") {
  gan::Rng rng(2);
  for (const k::BroadcastView& v : kViews) {
    auto a = random_values(numel(v), rng), b = random_values(b_numel(v), rng);
    std::vector<Scalar> out(numel(v), 1.0f), out_ref(numel(v), 1.0f);
    auto f = [](Scalar& out, Scalar b, Scalar a) { out += a * b; };
    k::broadcast_map(v, out.data(), b.data(), f, a.data());
    k::broadcast_map_ref(v, out_ref.data(), b.data(), f, a.data());
    INFO("view " << v.K0 << " " << v.R1 << " " << v.K2 << " " << v.R3 << " " << v.K4);
    CHECK(out == out_ref);
  }
}

TEST_CASE("broadcast_reduce matches its plain loop on every kind of view", "[kernels]") {
  gan::Rng rng(3);
  for (const k::BroadcastView& v : kViews) {
    auto dy = random_values(numel(v), rng), a = random_values(numel(v), rng);
    std::vector<Scalar> db(b_numel(v), 0.25f), db_ref(b_numel(v), 0.25f);
    auto f = [](Scalar dy, Scalar a) { return dy * a; };
    k::broadcast_reduce(v, db.data(), f, dy.data(), a.data());
    k::broadcast_reduce_ref(v, db_ref.data(), f, dy.data(), a.data());
    INFO("view " << v.K0 << " " << v.R1 << " " << v.K2 << " " << v.R3 << " " << v.K4);
    double terms = static_cast<double>(numel(v)) / b_numel(v);
    for (size_t j = 0; j < db.size(); ++j) REQUIRE(db[j] == Approx(db_ref[j]).margin(1e-6 * terms + 1e-5));
  }
}

TEST_CASE("broadcast_reduce sums a per-channel bias gradient by hand", "[kernels]") {
  // (N=2, C=2, HW=3) against (C): db[c] = sum over n and hw.
  std::vector<Scalar> dy = {1, 2, 3, 10, 20, 30, 4, 5, 6, 40, 50, 60};
  std::vector<Scalar> db = {0.5f, 0.0f};
  k::broadcast_reduce({1, 2, 2, 3, 1}, db.data(), [](Scalar dy) { return dy; }, dy.data());
  CHECK(db == std::vector<Scalar>{21.5f, 210.0f});
}

TEST_CASE("add_to_lanes matches its plain loop bit for bit, over one range and over several", "[kernels]") {
  gan::Rng rng(3);
  auto x = random_values(100003, rng);
  auto term = [&](int64_t j) { return x[j] * 1.1f; };
  for (int64_t n : {1, 7, 8, 9, 33, 100003}) {
    INFO("n=" << n);
    double lanes[k::kLanes] = {}, lanes_ref[k::kLanes] = {};
    k::add_to_lanes(n, term, lanes);
    k::add_to_lanes_ref(n, term, lanes_ref);
    CHECK(std::memcmp(lanes, lanes_ref, sizeof lanes) == 0);
    // A channel's image blocks: three more ranges continue the same partial sums.
    for (int block = 0; block < 3; ++block) {
      k::add_to_lanes(n, term, lanes);
      k::add_to_lanes_ref(n, term, lanes_ref);
    }
    CHECK(std::memcmp(lanes, lanes_ref, sizeof lanes) == 0);
    CHECK(k::lanes_total(lanes) == Approx(4 * k::sum_ref(n, [](Scalar x) { return x * 1.1f; }, x.data())));
  }
}

TEST_CASE("add_ranges_to_lanes matches its plain loop bit for bit, for each kind of term", "[kernels]") {
  // Ranges of every length from 1 to 17 and batch norm's 49 and 196, spaced as a channel's image
  // blocks are (the stride of C blocks), so the last length % 8 terms of each take the masked tail.
  // Some values are -0: a lane that only ever adds -0 must stay -0, so the tail must not add a 0.
  gan::Rng rng(5);
  const int ranges = 5, channels = 3;
  std::vector<int64_t> lengths = {49, 196};
  for (int64_t n = 1; n <= 17; ++n) lengths.push_back(n);
  for (int64_t length : lengths) {
    auto a = random_values(ranges * channels * length, rng), b = random_values(a.size(), rng);
    for (size_t i = 0; i < a.size(); i += 5) a[i] = -0.0f;
    const k::CentredProduct terms[] = {k::CentredProduct::values(a.data()),
                                       k::CentredProduct::deviations(a.data(), a.data(), 0.25f),
                                       k::CentredProduct::times_deviation(a.data(), b.data(), -0.5f)};
    for (const k::CentredProduct& term : terms) {
      INFO("length=" << length << " centred=" << term.a_centred << term.b_centred);
      double lanes[k::kLanes] = {}, lanes_ref[k::kLanes] = {};
      k::add_ranges_to_lanes(ranges, length, channels * length, length, term, lanes);  // channel 1 of 3
      k::add_ranges_to_lanes_ref(ranges, length, channels * length, length, term, lanes_ref);
      CHECK(std::memcmp(lanes, lanes_ref, sizeof lanes) == 0);
    }
  }
  // The -0 lane: all values -0, each added as itself.
  std::vector<Scalar> zeros(9, -0.0f);
  double lanes[k::kLanes] = {-0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0};
  k::add_ranges_to_lanes(1, 0, 9, 9, k::CentredProduct::values(zeros.data()), lanes);
  for (double lane : lanes) CHECK(std::signbit(lane));
}

TEST_CASE("sum matches the plain loop and keeps double precision over a million terms", "[kernels]") {
  gan::Rng rng(4);
  for (int64_t n : {1, 7, 33, 100003}) {
    auto x = random_values(n, rng);
    auto identity = [](Scalar x) { return x; };
    INFO("n=" << n);
    CHECK(k::sum(n, identity, x.data()) == Approx(k::sum_ref(n, identity, x.data())).margin(1e-4));
  }
  std::vector<Scalar> tenths(1000000, 0.1f);
  // A float running sum of these ends near 100958; the double partial sums stay exact to ~1e-9.
  double total = k::sum(1000000, [](Scalar x) { return x; }, tenths.data());
  CHECK(total == Approx(1e6 * double{0.1f}).epsilon(1e-12));
}

TEST_CASE("channel_sum gives the bits of sum over the channel's values laid end to end", "[kernels]") {
  // Blocks of 1, 7, 49 and 1030 values: pieces that start at every lane, blocks cut by the chunks
  // of 1024, and a block longer than a chunk. The values span 2^-40 to 2^40, so that the double
  // sums round, and another grouping into lanes would show in the bits.
  gan::Rng rng(9);
  const int shapes[][3] = {{5, 3, 1}, {300, 2, 7}, {64, 3, 49}, {3, 2, 1030}};
  for (const auto& s : shapes) {
    const int N = s[0], C = s[1], P = s[2];
    auto x = random_values(int64_t{N} * C * P, rng);
    for (Scalar& v : x) v = std::ldexp(v, static_cast<int>(rng.uniform() * 80.0f) - 40);
    for (int c = 0; c < C; ++c) {
      std::vector<Scalar> row;  // channel c's values, image after image
      for (int n = 0; n < N; ++n) row.insert(row.end(), x.begin() + (n * C + c) * P, x.begin() + (n * C + c + 1) * P);
      INFO("N=" << N << " C=" << C << " P=" << P << " c=" << c);
      const double expected = k::sum(int64_t{N} * P, [](Scalar v) { return v; }, row.data());
      const double got = k::channel_sum(N, C, P, c, x.data());
      CHECK(std::memcmp(&got, &expected, sizeof(double)) == 0);
    }
  }
}

TEST_CASE("logsumexp_rows matches the plain loop and survives huge logits", "[kernels]") {
  gan::Rng rng(5);
  for (int D : {1, 7, 33}) {
    for (int N : {1, 7, 33, 2000}) {
      auto x = random_values(int64_t{N} * D, rng);
      std::vector<Scalar> out(N), out_ref(N);
      k::logsumexp_rows(N, D, x.data(), out.data());
      k::logsumexp_rows_ref(N, D, x.data(), out_ref.data());
      for (int n = 0; n < N; ++n) REQUIRE(out[n] == Approx(out_ref[n]).epsilon(1e-6).margin(1e-6));
    }
  }
  std::vector<Scalar> x = {1000.0f, 1000.0f, -1000.0f, -1000.0f}, out(2);
  k::logsumexp_rows(2, 2, x.data(), out.data());
  CHECK(out[0] == Approx(1000.0f + std::log(2.0f)));
  CHECK(out[1] == Approx(-1000.0f + std::log(2.0f)));
}

TEST_CASE("every kernel gives the same bits with 1 and 2 threads", "[kernels]") {
  gan::Rng rng(6);
  const int64_t n = 300007;
  auto x = random_values(n, rng), y = random_values(n, rng);

  auto [map1, map2] = with_1_and_2_threads([&] {
    std::vector<Scalar> out(n);
    k::map(n, out.data(), [](Scalar& out, Scalar x, Scalar y) { out = std::exp(x) * y; }, x.data(), y.data());
    return out;
  });
  CHECK(map1 == map2);

  auto [sum1, sum2] = with_1_and_2_threads([&] {
    double total = k::sum(n, [](Scalar x, Scalar y) { return x * y; }, x.data(), y.data());
    return std::vector<Scalar>{static_cast<Scalar>(total)};
  });
  CHECK(sum1 == sum2);

  const std::vector<k::BroadcastView> large = {
      {1, 1, 1, 300007, 1}, {1, 1, 1, 1007, 297}, {1, 7, 3, 14285, 1}};
  for (const k::BroadcastView& v : large) {
    auto [reduce1, reduce2] = with_1_and_2_threads([&] {
      std::vector<Scalar> db(b_numel(v));
      k::broadcast_reduce(v, db.data(), [](Scalar x, Scalar y) { return x * y; }, x.data(), y.data());
      return db;
    });
    CHECK(reduce1 == reduce2);
    auto [map_b1, map_b2] = with_1_and_2_threads([&] {
      std::vector<Scalar> out(numel(v));
      k::broadcast_map(v, out.data(), y.data(), [](Scalar& out, Scalar b, Scalar x) { out = x - b; }, x.data());
      return out;
    });
    CHECK(map_b1 == map_b2);
  }

  auto [lse1, lse2] = with_1_and_2_threads([&] {
    std::vector<Scalar> out(30000);
    k::logsumexp_rows(30000, 10, x.data(), out.data());
    return out;
  });
  CHECK(lse1 == lse2);
}

TEST_CASE("accumulate_map writes into a fresh buffer the bits that adding into zeros gives", "[kernels]") {
  gan::Rng rng(5);
  const int64_t n = 100003;  // parallel chunks and a tail
  auto dy = random_values(n, rng), x = random_values(n, rng);
  dy[0] = -0.0f;  // a term of -0: on zeros it gives +0, and so must a fresh buffer
  x[0] = 1.0f;
  auto term = [](Scalar dy, Scalar x) { return x > 0.0f ? dy : 0.01f * dy; };
  std::vector<Scalar> zeros(n, 0.0f), fresh(n, 12345.0f);  // fresh: garbage, never read
  k::accumulate_map(n, zeros.data(), false, term, dy.data(), x.data());
  k::accumulate_map(n, fresh.data(), true, term, dy.data(), x.data());
  CHECK(std::memcmp(zeros.data(), fresh.data(), n * sizeof(Scalar)) == 0);
  CHECK_FALSE(std::signbit(fresh[0]));
  // A buffer that holds values gets the term added: a second use of the same value.
  k::accumulate_map(n, fresh.data(), false, term, dy.data(), x.data());
  CHECK(fresh[1] == zeros[1] + term(dy[1], x[1]));
  CHECK(fresh[n - 1] == zeros[n - 1] + term(dy[n - 1], x[n - 1]));
}
