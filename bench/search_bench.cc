// Catalog search at scale: how long a clerk waits for the item picker when the catalog holds
// 100k items.
//
// Setup creates a fresh SQLite database through the real adapter and fills it with generated
// items: a hardware store's catalog, where each item belongs to one of a few dozen families
// ("VIT" viti / screws, "TUB" tubi / pipes, …) and is named by family, material and size in
// Italian and English ("Vite inox M6" / "Screw stainless M6"), with SKUs like "VIT-004217".
// Items go in through SqliteCatalog::Create, the same path the API uses, from many threads at
// once so the adapter's group commit batches them; the setup time is measured and reported.
//
// Then one thread runs the searches a clerk would type, in a fixed-seed random mix: half SKU
// prefixes of existing items (3..8 characters: "VIT", "VIT-00", "VIT-0042"), half one or two
// word prefixes of names in either language ("vit", "screw stain"). Each query asks for one
// page of 20 results. A short warm-up (50 queries, not counted) loads the pages a steady
// server would have in cache. Every query is built from existing data, so an empty answer is
// counted as suspicious and reported.
//
// Usage: commesso_bench_search --dir DIR [--items 100000] [--queries 1000] [--seed 42]
//        [--threads 32]

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "adapters/sqlite/database.h"
#include "adapters/sqlite/sqlite_catalog.h"
#include "bench_support.h"
#include "core/catalog.h"

namespace commesso::bench {
namespace {

struct Family {
  const char* code;
  const char* it;
  const char* en;
};

constexpr Family kFamilies[] = {
    {"VIT", "Vite", "Screw"},        {"BUL", "Bullone", "Bolt"},
    {"DAD", "Dado", "Nut"},          {"RON", "Rondella", "Washer"},
    {"TAS", "Tassello", "Anchor"},   {"CHI", "Chiodo", "Nail"},
    {"TUB", "Tubo", "Pipe"},         {"RAC", "Raccordo", "Fitting"},
    {"VAL", "Valvola", "Valve"},     {"RUB", "Rubinetto", "Tap"},
    {"CAV", "Cavo", "Cable"},        {"INT", "Interruttore", "Switch"},
    {"PRE", "Presa", "Socket"},      {"LAM", "Lampada", "Lamp"},
    {"FAR", "Faretto", "Spotlight"}, {"PEN", "Pennello", "Brush"},
    {"RUL", "Rullo", "Roller"},      {"VER", "Vernice", "Paint"},
    {"COL", "Colla", "Glue"},        {"SIL", "Silicone", "Sealant"},
    {"NAS", "Nastro", "Tape"},       {"CAT", "Catena", "Chain"},
    {"LUC", "Lucchetto", "Padlock"}, {"CER", "Cerniera", "Hinge"},
    {"MAN", "Maniglia", "Handle"},   {"SER", "Serratura", "Lock"},
    {"MAR", "Martello", "Hammer"},   {"CAC", "Cacciavite", "Screwdriver"},
    {"PIN", "Pinza", "Pliers"},      {"CHV", "Chiave", "Wrench"},
    {"SEG", "Sega", "Saw"},          {"TRA", "Trapano", "Drill"},
    {"PUN", "Punta", "Bit"},         {"DIS", "Disco", "Disc"},
    {"GUA", "Guanti", "Gloves"},     {"OCC", "Occhiali", "Goggles"},
    {"SCA", "Scala", "Ladder"},      {"CAR", "Carriola", "Wheelbarrow"},
    {"SEC", "Secchio", "Bucket"},    {"SCO", "Scopa", "Broom"},
};

struct Material {
  const char* it;
  const char* en;
};

constexpr Material kMaterials[] = {
    {"inox", "stainless"},   {"ottone", "brass"}, {"zincato", "galvanized"},  {"rame", "copper"},
    {"plastica", "plastic"}, {"legno", "wood"},   {"alluminio", "aluminium"}, {"acciaio", "steel"},
    {"ghisa", "iron"},       {"gomma", "rubber"}, {"nylon", "nylon"},         {"bianco", "white"},
    {"nero", "black"},       {"rosso", "red"},    {"grigio", "grey"},
};

constexpr const char* kSizes[] = {"M3",  "M4",    "M5",    "M6",    "M8",    "M10",
                                  "M12", "10 mm", "16 mm", "20 mm", "25 mm", "32 mm",
                                  "1 m", "2 m",   "5 m",   "10 m",  "small", "large"};

// The item with number `index` of the generated catalog; the same on every run for a seed.
Item GeneratedItem(std::int64_t index, std::uint64_t seed) {
  std::mt19937_64 random(seed * 7'919 + static_cast<std::uint64_t>(index));
  const auto pick = [&random](std::size_t count) {
    return std::uniform_int_distribution<std::size_t>(0, count - 1)(random);
  };
  const Family& family = kFamilies[pick(std::size(kFamilies))];
  const Material& material = kMaterials[pick(std::size(kMaterials))];
  const char* size = kSizes[pick(std::size(kSizes))];
  char number[16];
  std::snprintf(number, sizeof number, "%06lld", static_cast<long long>(index));

  Item item;
  item.sku = std::string(family.code) + "-" + number;
  item.name = LocalizedText{.it = std::string(family.it) + " " + material.it + " " + size,
                            .en = std::string(family.en) + " " + material.en + " " + size};
  item.kind = ItemKind::kGood;
  item.unit = "piece";
  item.unit_price = Money(std::uniform_int_distribution<std::int64_t>(50, 50'000)(random), kEur);
  item.tax_category = "standard";
  item.weight_grams = std::uniform_int_distribution<std::int64_t>(5, 5'000)(random);
  return item;
}

enum class QueryKind { kSkuPrefix, kWords };

struct Query {
  QueryKind kind = QueryKind::kSkuPrefix;
  std::string text;
};

// The prefix of a word a clerk would type: at least 3 characters, often the whole word.
std::string WordPrefix(const std::string& word, std::mt19937_64& random) {
  if (word.size() <= 3) return word;
  const std::size_t length = std::uniform_int_distribution<std::size_t>(3, word.size())(random);
  return word.substr(0, length);
}

std::string Lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// A fixed-seed mix of queries built from the generated items, so each should match some.
std::vector<Query> Queries(std::int64_t count, std::int64_t items, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<std::int64_t> pick_item(0, items - 1);
  std::vector<Query> queries;
  for (std::int64_t i = 0; i < count; ++i) {
    const Item item = GeneratedItem(pick_item(random), seed);
    if (i % 2 == 0) {
      const std::size_t length = std::uniform_int_distribution<std::size_t>(3, 8)(random);
      queries.push_back({QueryKind::kSkuPrefix, item.sku.substr(0, length)});
      continue;
    }
    const std::string& name = random() % 2 == 0 ? item.name.it : item.name.en;
    std::vector<std::string> words;
    for (std::size_t start = 0; start < name.size();) {
      const std::size_t end = std::min(name.find(' ', start), name.size());
      words.push_back(name.substr(start, end - start));
      start = end + 1;
    }
    // The family word, and half the time the material after it.
    std::string text = WordPrefix(Lower(words[0]), random);
    if (random() % 2 == 0 && words.size() > 1) text += " " + WordPrefix(Lower(words[1]), random);
    queries.push_back({QueryKind::kWords, text});
  }
  return queries;
}

double Seconds(std::int64_t nanos) { return static_cast<double>(nanos) / 1e9; }
double Millis(std::int64_t nanos) { return static_cast<double>(nanos) / 1e6; }

void PrintLatency(const char* label, const LatencySummary& summary) {
  std::printf("  %-13s %5lld queries: ms p50 %.3f, p99 %.3f, p99.9 %.3f, max %.3f\n", label,
              static_cast<long long>(summary.count), Millis(summary.p50), Millis(summary.p99),
              Millis(summary.p999), Millis(summary.max));
}

int Main(int argc, char** argv) {
  const Flags flags(argc, argv, 1);
  const std::string dir = flags.Text("dir", "");
  if (dir.empty()) Die("usage: commesso_bench_search --dir DIR [--items 100000] [--queries 1000]");
  const std::int64_t items = flags.Int("items", 100'000);
  const std::int64_t query_count = flags.Int("queries", 1'000);
  const auto seed = static_cast<std::uint64_t>(flags.Int("seed", 42));
  const std::int64_t threads = std::clamp<std::int64_t>(flags.Int("threads", 32), 1, 256);
  constexpr int kPageSize = 20;
  constexpr std::int64_t kWarmupQueries = 50;
  if (items < 1) Die("--items must be at least 1");

  std::filesystem::create_directories(dir);
  const std::string path = dir + "/search.db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  auto database = sqlite::Database::Open({.path = path});
  if (!database) Die("open " + path + ": " + database.error().message);
  sqlite::SqliteCatalog catalog(**database);

  // Setup: every thread creates its share of the items; the writer batches them.
  std::atomic<std::int64_t> next{0};
  std::atomic<std::int64_t> failures{0};
  std::mutex first_failure_mutex;
  std::string first_failure;  // Guarded by first_failure_mutex.
  const auto setup_start = SteadyClock::now();
  std::vector<std::thread> creators;
  for (std::int64_t t = 0; t < threads; ++t) {
    creators.emplace_back([&] {
      for (std::int64_t index = next++; index < items; index = next++) {
        const Item item = GeneratedItem(index, seed);
        const IdempotencyKey key{.value = "search-bench-" + item.sku, .fingerprint = item.sku};
        auto created = catalog.Create(item, key, nullptr);
        if (created) continue;
        ++failures;
        std::lock_guard lock(first_failure_mutex);
        if (first_failure.empty()) first_failure = item.sku + ": " + created.error().message;
      }
    });
  }
  for (std::thread& creator : creators) creator.join();
  const std::int64_t setup_ns = NanosBetween(setup_start, SteadyClock::now());
  std::printf(
      "catalog search: created %lld items in %.1f s (%.0f items/s, %lld threads via "
      "SqliteCatalog::Create)\n",
      static_cast<long long>(items - failures.load()), Seconds(setup_ns),
      static_cast<double>(items) / Seconds(setup_ns), static_cast<long long>(threads));
  const sqlite::WriterStats writes = (*database)->writer_stats();
  std::printf("  the writer committed %lld jobs in %lld transactions (group commit)\n",
              static_cast<long long>(writes.jobs), static_cast<long long>(writes.commits));
  if (failures.load() > 0) {
    Die(std::to_string(failures.load()) + " items could not be created; first: " + first_failure);
  }

  const std::vector<Query> queries = Queries(kWarmupQueries + query_count, items, seed);
  std::vector<std::int64_t> all;
  std::vector<std::int64_t> by_sku;
  std::vector<std::int64_t> by_words;
  std::int64_t empty = 0;
  std::string first_empty;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    const Query& query = queries[i];
    const auto start = SteadyClock::now();
    auto page = catalog.Search(query.text, kPageSize, "");
    const std::int64_t elapsed = NanosBetween(start, SteadyClock::now());
    if (!page) Die("search \"" + query.text + "\": " + page.error().message);
    if (static_cast<std::int64_t>(i) < kWarmupQueries) continue;
    all.push_back(elapsed);
    (query.kind == QueryKind::kSkuPrefix ? by_sku : by_words).push_back(elapsed);
    if (page->entries.empty()) {
      ++empty;
      if (first_empty.empty()) first_empty = query.text;
    }
  }
  const LatencySummary total = Summarize(all);
  std::printf("catalog search: %lld queries of one page (%d) after %lld warm-up queries\n",
              static_cast<long long>(query_count), kPageSize,
              static_cast<long long>(kWarmupQueries));
  PrintLatency("all", total);
  PrintLatency("SKU prefix", Summarize(by_sku));
  PrintLatency("name words", Summarize(by_words));
  if (empty > 0) {
    std::printf(
        "  %lld queries found nothing, e.g. \"%s\" (each was built from an existing "
        "item)\n",
        static_cast<long long>(empty), first_empty.c_str());
  }

  PrintResult("search_items", static_cast<double>(items));
  PrintResult("search_setup_s", Seconds(setup_ns));
  PrintResult("search_p50_ms", Millis(total.p50));
  PrintResult("search_p99_ms", Millis(total.p99));
  PrintResult("search_p999_ms", Millis(total.p999));
  PrintResult("search_empty", static_cast<double>(empty));
  return 0;
}

}  // namespace
}  // namespace commesso::bench

int main(int argc, char** argv) { return commesso::bench::Main(argc, argv); }
