#pragma once
// LatencyHistogram: latency percentiles in bounded memory, whatever the number of requests.
// Log-linear buckets in the manner of HdrHistogram (G. Tene): values below 256 us each get their
// own bucket; above, every power-of-two range [2^e, 2^(e+1)) is cut into 128 equal buckets. So a
// bucket is at most 1/128 (0.78%) of its lower bound wide, and its representative value (the
// middle) is within 0.4% of every value in it: "2 significant digits".
//
// Range: 0 us .. kMaxTrackable (1 hour) in 3,287 buckets (26 KB). Longer values are counted in the
// last bucket (and in overflowCount()); negative values count as 0. count/mean/min/max are exact.
//
// Costs: record() O(1) (a bit scan and an increment, no allocation); percentile() O(buckets);
// merge() O(buckets).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/time.h"

namespace cdnsim::sim {

using core::Duration;

class LatencyHistogram {
 public:
  static constexpr int kSubBucketBits = 7;  // 128 buckets per power of two
  static constexpr std::int64_t kMaxTrackableMicros = 3'600'000'000;  // 1 hour
  static constexpr Duration kMaxTrackable{kMaxTrackableMicros};

  LatencyHistogram();

  void record(Duration latency) { recordMany(latency, 1); }
  void recordMany(Duration latency, std::uint64_t times);

  std::uint64_t count() const { return count_; }
  // Values above kMaxTrackable (bucketed as kMaxTrackable; min/max/mean still exact).
  std::uint64_t overflowCount() const { return overflow_; }

  // Exact statistics; nullopt when nothing was recorded. The mean is rounded to the microsecond.
  std::optional<Duration> mean() const;
  std::optional<Duration> min() const;
  std::optional<Duration> max() const;

  // The p-th percentile, p in [0, 100] (clamped), by nearest rank: the value of rank
  // ceil(p/100 * count) (at least 1) in sorted order. We return the representative value of the
  // bucket holding that rank, clamped to [min, max]; rank 1 and rank count return the exact min
  // and max. Error: within 0.4% (and never more than the bucket half-width) of the exact value.
  // nullopt when nothing was recorded.
  std::optional<Duration> percentile(double p) const;

  // Adds another histogram's records to this one.
  void merge(const LatencyHistogram& other);
  void clear();

  // Bucket layout, exposed for tests and for writers of raw bucket data.
  static std::size_t bucketCount();
  static std::size_t bucketIndex(std::int64_t micros);  // precondition: 0 <= micros <= max
  static std::int64_t bucketLowest(std::size_t index);
  static std::int64_t bucketWidth(std::size_t index);
  static std::int64_t bucketRepresentative(std::size_t index);
  // Values recorded in bucket `index` (< bucketCount()), for drawing the distribution.
  std::uint64_t bucketCountAt(std::size_t index) const { return counts_[index]; }

 private:
  std::vector<std::uint64_t> counts_;
  std::uint64_t count_ = 0;
  std::uint64_t overflow_ = 0;
  unsigned __int128 sum_ = 0;  // of the exact (non-negative) values, in microseconds
  std::int64_t min_ = 0;
  std::int64_t max_ = 0;
};

}  // namespace cdnsim::sim
