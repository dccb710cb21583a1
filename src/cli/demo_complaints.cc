#include "cli/demo_complaints.h"

#include <chrono>
#include <string>
#include <vector>

namespace commesso {

Result<int> SeedDemoComplaints(ComplaintStore& complaints, const Clock& clock,
                               const Business& business, const ZoneDirectory& zones) {
  using std::chrono::hours;
  struct Demo {
    ComplaintReason reason;
    Channel channel;
    ComplaintPriority priority;
    const char* words;
    hours age;       // How long before now it was opened.
    bool forwarded;  // Forwarded to customer service by the clerk.
  };
  const std::vector<Demo> demos = {
      {ComplaintReason::kService, Channel::kPhone, ComplaintPriority::kUrgent,
       "Ha chiamato tre volte ieri e nessuno ha risposto al telefono dell'ufficio ordini.",
       hours{24 * 6}, false},
      {ComplaintReason::kBillingError, Channel::kEmail, ComplaintPriority::kHigh,
       "La fattura di novembre riporta l'IVA al 22% sui libri, che sono al 4%.", hours{3}, true},
      {ComplaintReason::kOther, Channel::kCounter, ComplaintPriority::kLow,
       "Chiede che le consegne arrivino dopo le 10: prima il magazzino è chiuso.", hours{1}, false},
  };
  const CustomerService& service = business.customer_service;
  const ZoneRules& zone = zones.Zone(service.department.time_zone);
  const Timestamp now = clock.Now();
  int opened = 0;
  for (std::size_t i = 0; i < demos.size(); ++i) {
    const Demo& demo = demos[i];
    const Timestamp at = now - demo.age;
    const Complaint complaint{
        .reason = demo.reason,
        .channel = demo.channel,
        .customer_words = demo.words,
        .priority = demo.priority,
        .opened_by = "clerk",
        .due_at = DueAt(service, business.fulfillment, zone, at, demo.priority),
        .created_at = at,
        .updated_at = at};
    KeptAnswer<Complaint> first([](const Complaint&) { return std::string(); });
    const IdempotencyKey key{.value = "demo-complaint-" + std::to_string(i + 1),
                             .fingerprint = "demo",
                             .principal = "cli:seed-demo"};
    auto stored =
        complaints.Open(complaint, static_cast<int>(clock.BusinessDay(at).year()), key, &first);
    if (!stored) return Fail(stored.error());
    if (first.replayed()) continue;
    ++opened;
    if (!demo.forwarded) continue;
    auto forward = Apply(*stored, {.action = ComplaintAction::kForwarded,
                                   .note = "Da verificare con l'amministrazione.",
                                   .owner = "",
                                   .actor = "clerk",
                                   .at = at + std::chrono::minutes{5}});
    if (!forward) return Fail(forward.error());
    auto updated = complaints.Update(*forward, stored->revision);
    if (!updated) return Fail(updated.error());
  }
  return opened;
}

}  // namespace commesso
