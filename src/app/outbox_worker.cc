#include "app/outbox_worker.h"

#include <utility>

namespace commesso {

OutboxWorker::OutboxWorker(std::function<void()> round, std::chrono::milliseconds period)
    : round_(std::move(round)), period_(period) {}

OutboxWorker::~OutboxWorker() { Stop(); }

void OutboxWorker::Start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
    notified_ = true;  // A first round at once: work left by the last run goes out now.
  }
  thread_ = std::thread([this] { Loop(); });
}

void OutboxWorker::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void OutboxWorker::Notify() {
  {
    std::lock_guard lock(mutex_);
    notified_ = true;
  }
  wake_.notify_all();
}

void OutboxWorker::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, period_, [this] { return stopping_ || notified_; });
    if (stopping_) return;
    notified_ = false;
    lock.unlock();
    round_();
    lock.lock();
  }
}

}  // namespace commesso
