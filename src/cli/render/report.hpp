#pragma once

#include "qlfit/report.hpp"

#include <date/date.h>

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace qlfit::cli::render {

// What the page says about itself besides the data.
struct ReportPage {
  std::string database;      // the database's file name only, e.g. "qlfit.db"
  date::local_seconds made;  // when it was made, on the user's clock
  Settings settings;
};

// `qlfit report`: one self-contained HTML5 page (inline CSS and SVG; no script, no font,
// no URL), written as the report is read: the calendar as the weeks come, then the other
// charts and the table from a few numbers kept per week and per day (a few bytes a day).
class HtmlReport final : public ReportSink {
 public:
  HtmlReport(std::ostream& out, ReportPage page);
  void begin(const WeekSpan& span, bool has_entries) override;
  void week(PeriodStats&& week) override;
  void weeks_done(const Streak& streak) override;
  void note(const Entry& entry) override;
  void end() override;

  // What the charts keep of a day.
  struct Day {
    std::uint16_t walk = 0;   // minutes
    std::uint8_t breaks = 0;  // at most 255
    std::uint8_t flags = 0;   // kInBand, kPaused, kFuture, kWorking, kUntracked
  };
  // A row of a chart: the weeks of one year (or all of them, up to 53).
  struct Row {
    int first = 0;  // the index of its first week
    int weeks = 0;
    int year = 0;  // 0: the chart has one row, and no year label
  };
  // The y axis of a chart: from 0 to `top`, a line every `step` (labelled as durations,
  // 30m, 1h, when `in_minutes`).
  struct Axis {
    int top = 0;
    int step = 1;
    bool in_minutes = false;
  };

 private:
  void calendar_week(const PeriodStats& week);
  // A chart of rows_, each `plot` high: the <svg> with its text alternative, and for each
  // row its year, its axis, then `draw(row, y0)` (y0: the top of the row's plot).
  void chart(const std::string& id, double plot, Axis axis, const std::string& title,
             const std::string& desc, const std::function<void(const Row& row, double y0)>& draw);
  void sessions_chart();
  void walk_chart();
  void breaks_charts();
  void pain_section();
  void week_table(const Streak& streak);

  std::ostream& out_;
  ReportPage page_;
  WeekSpan span_;
  std::vector<Row> rows_;
  double pitch_ = 0;                // the width of a week in the week charts
  double cell_ = 0;                 // the pitch of a calendar day
  std::vector<PeriodStats> weeks_;  // without their days and pauses
  std::vector<Day> days_;
  std::map<std::int64_t, Pause> pauses_;
  bool any_note_ = false;
};

// `text` with &, <, >, " and ' as character references, and / and : too, so that no
// text a user typed can form a URL in the page's bytes.
std::string html_escaped(std::string_view text);

}  // namespace qlfit::cli::render
