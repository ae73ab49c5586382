#pragma once

#include "cli_harness.hpp"

#include <string>

namespace qlfit::testing {

// Notes that break naive CSV, JSON, SQL or spreadsheet handling.
inline const char* const kTrickyNotes[] = {"commas, here",
                                           "\"quoted\"",
                                           "two\nlines",
                                           "crlf\r\nline",
                                           "emoji 💪🏽",
                                           "'); DROP TABLE entry; --",
                                           "=HYPERLINK(\"x\")",
                                           "-3",
                                           "@me",
                                           "'already quoted"};

// A history across zones: entries logged in Berlin, New York and Kathmandu, each with
// one of the tricky notes.
inline void log_history(CliHarness& cli) {
  int i = 0;
  for (const char* zone : {"Europe/Berlin", "America/New_York", "Asia/Kathmandu"}) {
    cli.environment.tz = zone;
    for (const char* note : kTrickyNotes) {
      cli.run({"log", i % 2 == 0 ? "butt-walk" : "walk", "--minutes", "21", "--at",
               std::to_string(++i) + "h ago", "--pain", std::to_string(i % 11), "--note", note});
    }
  }
  cli.environment.tz = "Europe/Berlin";
}

}  // namespace qlfit::testing
