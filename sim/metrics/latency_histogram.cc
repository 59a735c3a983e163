// Log-linear bucketing and nearest-rank percentiles (see latency_histogram.h).
#include "sim/metrics/latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace cdnsim::sim {

namespace {
constexpr std::int64_t kSubBuckets = std::int64_t{1} << LatencyHistogram::kSubBucketBits;  // 128
// Values below this have one bucket each (the first two "octaves" at width 1).
constexpr std::int64_t kLinearLimit = 2 * kSubBuckets;  // 256
}  // namespace

// For v >= 256, with e = floor(log2 v) and shift = e - 7: the bucket is (shift, v >> shift), and
// v >> shift lies in [128, 256). Index = shift * 128 + (v >> shift), which continues exactly
// where the linear range [0, 256) stops (shift = 1 gives indices 256..383).
std::size_t LatencyHistogram::bucketIndex(std::int64_t micros) {
  const auto v = static_cast<std::uint64_t>(micros);
  if (micros < kLinearLimit) return static_cast<std::size_t>(v);
  const int shift = std::bit_width(v) - 1 - kSubBucketBits;
  return static_cast<std::size_t>(shift) * kSubBuckets + static_cast<std::size_t>(v >> shift);
}

std::int64_t LatencyHistogram::bucketLowest(std::size_t index) {
  const auto i = static_cast<std::int64_t>(index);
  if (i < kLinearLimit) return i;
  const std::int64_t shift = i / kSubBuckets - 1;
  const std::int64_t mantissa = i - shift * kSubBuckets;  // in [128, 256)
  return mantissa << shift;
}

std::int64_t LatencyHistogram::bucketWidth(std::size_t index) {
  const auto i = static_cast<std::int64_t>(index);
  if (i < kLinearLimit) return 1;
  return std::int64_t{1} << (i / kSubBuckets - 1);
}

std::int64_t LatencyHistogram::bucketRepresentative(std::size_t index) {
  return bucketLowest(index) + bucketWidth(index) / 2;
}

std::size_t LatencyHistogram::bucketCount() { return bucketIndex(kMaxTrackableMicros) + 1; }

LatencyHistogram::LatencyHistogram() : counts_(bucketCount(), 0) {}

void LatencyHistogram::recordMany(Duration latency, std::uint64_t times) {
  if (times == 0) return;
  const std::int64_t v = std::max<std::int64_t>(latency.count(), 0);
  if (count_ == 0) {
    min_ = max_ = v;
  } else {
    min_ = std::min(min_, v);
    max_ = std::max(max_, v);
  }
  if (v > kMaxTrackableMicros) overflow_ += times;
  counts_[bucketIndex(std::min(v, kMaxTrackableMicros))] += times;
  count_ += times;
  sum_ += static_cast<unsigned __int128>(v) * times;
}

std::optional<Duration> LatencyHistogram::mean() const {
  if (count_ == 0) return std::nullopt;
  // Rounded to nearest: (sum + count/2) / count, in 128-bit integers.
  return Duration(static_cast<std::int64_t>((sum_ + count_ / 2) / count_));
}

std::optional<Duration> LatencyHistogram::min() const {
  if (count_ == 0) return std::nullopt;
  return Duration(min_);
}

std::optional<Duration> LatencyHistogram::max() const {
  if (count_ == 0) return std::nullopt;
  return Duration(max_);
}

std::optional<Duration> LatencyHistogram::percentile(double p) const {
  if (count_ == 0) return std::nullopt;
  if (!(p > 0.0)) p = 0.0;  // also NaN
  p = std::min(p, 100.0);
  const double exactRank = std::ceil(p / 100.0 * static_cast<double>(count_));
  const std::uint64_t rank = std::clamp<std::uint64_t>(static_cast<std::uint64_t>(exactRank), 1, count_);
  if (rank == 1) return Duration(min_);
  if (rank == count_) return Duration(max_);
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) return Duration(std::clamp(bucketRepresentative(i), min_, max_));
  }
  return Duration(max_);  // not reached: the counts add up to count_
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  if (other.count_ == 0) return;
  if (count_ == 0) {
    min_ = other.min_;
    max_ = other.max_;
  } else {
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
  }
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  overflow_ += other.overflow_;
  sum_ += other.sum_;
}

void LatencyHistogram::clear() {
  std::fill(counts_.begin(), counts_.end(), 0);
  count_ = overflow_ = 0;
  sum_ = 0;
  min_ = max_ = 0;
}

}  // namespace cdnsim::sim
