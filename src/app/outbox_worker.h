#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "app/ports/outbox_signal.h"

namespace commesso {

// A thread that runs `round` (one pass over an outbox, such as ReceiptMailer::DeliverDue)
// when notified and at least every `period`. Notifications during a round make one more
// round follow at once. Start and Stop are for one owner thread; Notify is thread-safe and
// never blocks on a round. Destruction stops the thread, letting a running round finish.
class OutboxWorker final : public OutboxSignal {
 public:
  explicit OutboxWorker(std::function<void()> round,
                        std::chrono::milliseconds period = std::chrono::seconds{1});
  ~OutboxWorker() override;
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  void Start();
  void Stop();
  void Notify() override;

 private:
  void Loop();

  const std::function<void()> round_;
  const std::chrono::milliseconds period_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool notified_ = false;  // Guarded by mutex_.
  bool stopping_ = false;  // Guarded by mutex_.
  std::thread thread_;
};

}  // namespace commesso
