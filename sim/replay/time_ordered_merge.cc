#include "sim/replay/time_ordered_merge.h"

#include <algorithm>

namespace cdnsim::sim::replay {

TimeOrderedMerge::TimeOrderedMerge(const core::config::ReplayConfig& config,
                                   std::function<void(const BadLine&)> onBad)
    : window_(config.reorderWindow), onBad_(std::move(onBad)) {
  for (std::uint32_t i = 0; i < config.files.size(); ++i) {
    files_.push_back(File{openLogFile(config, i), {}, false});
  }
}

TimeOrderedMerge::TimeOrderedMerge(std::vector<std::unique_ptr<LogFileReader>> readers,
                                   std::size_t window, std::function<void(const BadLine&)> onBad)
    : window_(std::max<std::size_t>(window, 1)), onBad_(std::move(onBad)) {
  for (auto& r : readers) files_.push_back(File{std::move(r), {}, false});
}

bool TimeOrderedMerge::earlier(std::uint32_t a, std::uint32_t b) const {
  const ReplayRequest& x = slots_[a];
  const ReplayRequest& y = slots_[b];
  if (x.time != y.time) return x.time < y.time;
  if (x.file != y.file) return x.file < y.file;
  return x.line < y.line;
}

void TimeOrderedMerge::fill(std::uint32_t f) {
  File& file = files_[f];
  // std::push_heap keeps the largest first: compare reversed for the earliest.
  const auto later = [this](std::uint32_t a, std::uint32_t b) { return earlier(b, a); };
  while (!file.ended && file.heap.size() < window_) {
    std::uint32_t slot;
    if (!freeSlots_.empty()) {
      slot = freeSlots_.back();
      freeSlots_.pop_back();
    } else {
      slot = static_cast<std::uint32_t>(slots_.size());
      slots_.emplace_back();
    }
    const ReadOutcome got = file.reader->next(slots_[slot]);
    if (got != ReadOutcome::Request) {
      freeSlots_.push_back(slot);
      if (got == ReadOutcome::End) {
        file.ended = true;
      } else {
        onBad_(BadLine{f, slots_[slot].line, file.reader->message()});
      }
      continue;
    }
    slots_[slot].file = f;
    file.heap.push_back(slot);
    std::push_heap(file.heap.begin(), file.heap.end(), later);
    ++buffered_;
  }
}

const ReplayRequest* TimeOrderedMerge::next() {
  if (handedOut_) {
    freeSlots_.push_back(*handedOut_);
    handedOut_.reset();
  }
  std::optional<std::uint32_t> best;
  for (std::uint32_t f = 0; f < files_.size(); ++f) {
    fill(f);
    if (files_[f].heap.empty()) continue;
    if (!best || earlier(files_[f].heap.front(), files_[*best].heap.front())) best = f;
  }
  if (!best) return nullptr;
  File& file = files_[*best];
  const auto later = [this](std::uint32_t a, std::uint32_t b) { return earlier(b, a); };
  std::pop_heap(file.heap.begin(), file.heap.end(), later);
  const std::uint32_t slot = file.heap.back();
  file.heap.pop_back();
  --buffered_;
  handedOut_ = slot;
  ReplayRequest& r = slots_[slot];
  if (lastTime_ && r.time < *lastTime_) {
    r.time = *lastTime_;
    ++late_;
  }
  lastTime_ = r.time;
  return &r;
}

}  // namespace cdnsim::sim::replay
