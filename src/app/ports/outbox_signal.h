#pragma once

namespace commesso {

// Tells the outbox workers that new work was committed (an order placed, a re-send asked
// for), so they need not wait for their next round. Workers also look on their own at least
// every second, so a lost signal delays work and loses none. Thread-safe; never blocks.
class OutboxSignal {
 public:
  virtual ~OutboxSignal() = default;
  virtual void Notify() = 0;
};

}  // namespace commesso
