#include "cli/capped_sink.h"

#include <string_view>
#include <utility>

#include <spdlog/sinks/stdout_color_sinks.h>

namespace commesso {
namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

CappedSink::CappedSink(std::shared_ptr<spdlog::sinks::sink> next, std::size_t max_bytes)
    : next_(std::move(next)), max_bytes_(max_bytes) {}

void CappedSink::log(const spdlog::details::log_msg& message) {
  if (!next_->should_log(message.level)) return;
  const std::string_view payload(message.payload.data(), message.payload.size());
  if (payload.size() <= max_bytes_) {
    next_->log(message);
    return;
  }
  std::size_t kept = max_bytes_;
  while (kept > 0 && IsContinuationByte(payload[kept])) --kept;
  std::string cut(payload.substr(0, kept));
  cut += "\u2026 (" + std::to_string(payload.size() - kept) + " bytes cut)";
  spdlog::details::log_msg capped = message;
  capped.payload = spdlog::string_view_t(cut.data(), cut.size());
  next_->log(capped);
}

void CappedSink::flush() { next_->flush(); }

void CappedSink::set_pattern(const std::string& pattern) { next_->set_pattern(pattern); }

void CappedSink::set_formatter(std::unique_ptr<spdlog::formatter> formatter) {
  next_->set_formatter(std::move(formatter));
}

std::shared_ptr<spdlog::logger> CappedStderrLogger(const std::string& name) {
  return std::make_shared<spdlog::logger>(
      name, std::make_shared<CappedSink>(std::make_shared<spdlog::sinks::stderr_color_sink_mt>()));
}

}  // namespace commesso
