// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/io/csv.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace io = typegrad::io;
namespace fs = std::filesystem;

// The project's data sets (data/ at the repository root).
fs::path data_dir() {
#ifdef TYPEGRAD_DATA_DIR
  return fs::path(TYPEGRAD_DATA_DIR);
#else
  return fs::path(__FILE__).parent_path() / "../../data";
#endif
}

// The csv_error that parsing text throws; fails the test when none is thrown.
io::csv_error parse_error(std::string_view text, const io::csv_options& options = {},
                          std::string_view source = "<string>") {
  try {
    io::parse_csv(text, source, options);
  } catch (const io::csv_error& e) {
    return e;
  }
  FAIL("no csv_error for: " << text);
  return io::csv_error("", 0, 0, "");
}

// Expects parsing text to fail on this line and field, with this message.
void check_error(std::string_view text, std::size_t line, std::size_t column,
                 std::string_view what, const io::csv_options& options = {}) {
  const io::csv_error e = parse_error(text, options);
  CHECK(e.source() == "<string>");
  CHECK(e.line() == line);
  CHECK(e.column() == column);
  CHECK(std::string_view(e.what()) == what);
}

io::csv_error split_error(const io::csv_table& t, std::size_t label_column) {
  try {
    io::split_label_column(t, label_column);
  } catch (const io::csv_error& e) {
    return e;
  }
  FAIL("no csv_error from split_label_column");
  return io::csv_error("", 0, 0, "");
}

// A file in the temporary directory, removed again at the end of the scope.
class temp_file {
 public:
  explicit temp_file(std::string_view contents) {
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path_ = fs::temp_directory_path() /
            ("typegrad_csv_test_" + std::to_string(stamp) + "_" +
             std::to_string(std::random_device{}()) + ".csv");
    std::ofstream(path_, std::ios::binary) << contents;
  }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
  ~temp_file() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::vector<std::size_t> class_counts(const io::labelled_data& d) {
  std::vector<std::size_t> counts(d.classes, 0);
  for (int label : d.labels) ++counts[static_cast<std::size_t>(label)];
  return counts;
}

}  // namespace

TEST_CASE("csv - values rows and columns") {
  const io::csv_table t = io::parse_csv("1,2,3\n4,5,6\n");
  CHECK(t.rows == 2);
  CHECK(t.cols == 3);
  CHECK(t.values == std::vector<double>{1, 2, 3, 4, 5, 6});
  CHECK(t(0, 0) == 1);
  CHECK(t(1, 2) == 6);
  CHECK(t(1, 0) == 4);
  const auto r = t.row(1);
  CHECK(std::vector<double>(r.begin(), r.end()) == std::vector<double>{4, 5, 6});
  CHECK(t.columns.empty());
  CHECK(t.source == "<string>");
  CHECK(t.lines == std::vector<std::size_t>{1, 2});

  const io::csv_table one = io::parse_csv("42", "one");
  CHECK(one.rows == 1);
  CHECK(one.cols == 1);
  CHECK(one(0, 0) == 42);
  CHECK(one.source == "one");
}

TEST_CASE("csv - header names and skip_lines") {
  const io::csv_table t = io::parse_csv(" a , b\t,c\n1,2,3\n", "<string>", {.header = true});
  CHECK(t.columns == std::vector<std::string>{"a", "b", "c"});
  CHECK(t.rows == 1);
  CHECK(t.cols == 3);
  CHECK(t.lines == std::vector<std::size_t>{2});

  // scikit-learn's count line, skipped, then a header.
  const io::csv_table s = io::parse_csv("150,4,setosa,versicolor,virginica\nx,y\n1,2\n3,4\n",
                                        "<string>", {.skip_lines = 1, .header = true});
  CHECK(s.columns == std::vector<std::string>{"x", "y"});
  CHECK(s.values == std::vector<double>{1, 2, 3, 4});
  CHECK(s.lines == std::vector<std::size_t>{3, 4});

  // Skipped lines are ignored whatever they hold, blank ones included; the header is the
  // first non-blank line after them.
  const io::csv_table b = io::parse_csv("\nnot,numbers\n\n\nh\n7\n", "<string>",
                                        {.skip_lines = 3, .header = true});
  CHECK(b.columns == std::vector<std::string>{"h"});
  CHECK(b.values == std::vector<double>{7});
  CHECK(b.lines == std::vector<std::size_t>{6});
}

TEST_CASE("csv - line endings blank lines and spaces") {
  const std::vector<double> expected{1, 2, 3, 4};
  CHECK(io::parse_csv("1,2\r\n3,4\r\n").values == expected);
  CHECK(io::parse_csv("1,2\n3,4").values == expected);          // no final newline
  CHECK(io::parse_csv("1,2\r\n3,4").values == expected);
  CHECK(io::parse_csv("1,2\n3,4\n\n").values == expected);      // trailing blank line
  CHECK(io::parse_csv("1,2\n3,4\n \t\r\n").values == expected);  // and one of spaces
  CHECK(io::parse_csv(" 1 ,\t2\t\n  3,4  \r\n").values == expected);
  CHECK(io::parse_csv("\xEF\xBB\xBF" "1,2\n3,4\n").values == expected);  // UTF-8 BOM

  const io::csv_table t = io::parse_csv("\n1,2\n\n   \n3,4\n");
  CHECK(t.values == expected);
  CHECK(t.lines == std::vector<std::size_t>{2, 5});
}

TEST_CASE("csv - number formats and delimiters") {
  const io::csv_table t = io::parse_csv("-2.5,.5,5.,1e-3,1E3,-0,007\n");
  CHECK(t.values == std::vector<double>{-2.5, 0.5, 5.0, 1e-3, 1e3, 0.0, 7.0});
  CHECK(std::signbit(t(0, 5)));

  // Exactly what std::from_chars accepts: NaN and infinities too.
  const io::csv_table special = io::parse_csv("nan,inf,-infinity,NaN\n");
  CHECK(std::isnan(special(0, 0)));
  CHECK(special(0, 1) == std::numeric_limits<double>::infinity());
  CHECK(special(0, 2) == -std::numeric_limits<double>::infinity());
  CHECK(std::isnan(special(0, 3)));

  // Shortest round-trip text reads back to the same double.
  CHECK(io::parse_csv("0.1,2.2250738585072014e-308\n").values ==
        std::vector<double>{0.1, 2.2250738585072014e-308});

  const std::vector<double> expected{1.5, 2, 3, 4};
  CHECK(io::parse_csv("1.5;2\n3;4\n", "<string>", {.delimiter = ';'}).values == expected);
  CHECK(io::parse_csv("1.5\t2\n3\t4\n", "<string>", {.delimiter = '\t'}).values == expected);
  CHECK(io::parse_csv("1.5 2\n3 4\n", "<string>", {.delimiter = ' '}).values == expected);
  CHECK_THROWS_AS(io::parse_csv("1\n", "<string>", {.delimiter = '\n'}), std::invalid_argument);
  CHECK_THROWS_AS(io::parse_csv("1\n", "<string>", {.delimiter = '\r'}), std::invalid_argument);
}

TEST_CASE("csv - fields that are not numbers") {
  check_error("1,2,3\n4,abc,6\n", 2, 2, "<string>:2: column 2: 'abc' is not a number");
  check_error("1.5x\n", 1, 1, "<string>:1: column 1: '1.5x' is not a number");
  check_error("1,+1\n", 1, 2, "<string>:1: column 2: '+1' is not a number");
  check_error("0x10\n", 1, 1, "<string>:1: column 1: '0x10' is not a number");
  check_error("1,2\n3,1 2\n", 2, 2, "<string>:2: column 2: '1 2' is not a number");
  check_error("1,2\n3,  1e\t\n", 2, 2, "<string>:2: column 2: '1e' is not a number");
  check_error("1,2\n3,4\r\r\n", 2, 2, "<string>:2: column 2: '4\r' is not a number");
  check_error("1,1e999\n", 1, 2, "<string>:1: column 2: '1e999' is out of range for double");
  // A long field is shortened in the message.
  check_error(std::string(50, 'a') + "\n", 1, 1,
              "<string>:1: column 1: '" + std::string(37, 'a') + "...' is not a number");
  // Line numbers count skipped, header and blank lines, with \r\n endings too.
  check_error("count\r\nx,y\r\n\r\n1,2\r\n\r\n3,z\r\n", 6, 2,
              "<string>:6: column 2: 'z' is not a number", {.skip_lines = 1, .header = true});
}

TEST_CASE("csv - empty fields") {
  check_error("1,,3\n", 1, 2, "<string>:1: column 2: empty field");
  check_error("1,2,\n", 1, 3, "<string>:1: column 3: empty field");
  check_error(",2\n", 1, 1, "<string>:1: column 1: empty field");
  check_error("1,2\n3, \t\n", 2, 2, "<string>:2: column 2: empty field");
}

TEST_CASE("csv - wrong field counts") {
  check_error("1,2,3\n4,5\n", 2, 0, "<string>:2: expected 3 fields, found 2");
  check_error("1,2\n3,4\n\n5,6,7\n", 4, 0, "<string>:4: expected 2 fields, found 3");
  // The count is checked before the fields: a short line with a bad field is too short.
  check_error("1,2,3\nx,5\n", 2, 0, "<string>:2: expected 3 fields, found 2");
  // The header sets the count.
  check_error("a,b\n1,2,3\n", 2, 0, "<string>:2: expected 2 fields, found 3", {.header = true});
  check_error("skip\na,b,c\n\n1,2\n", 4, 0, "<string>:4: expected 3 fields, found 2",
              {.skip_lines = 1, .header = true});
  // Another delimiter does not split a line.
  check_error("1;2\n3;4\n", 1, 1, "<string>:1: column 1: '1;2' is not a number");

  const io::csv_error e = parse_error("1,2,3,4,5\n1,2,3,4\n", {}, "x.csv");
  CHECK(e.source() == "x.csv");
  CHECK(std::string_view(e.what()) == "x.csv:2: expected 5 fields, found 4");
}

TEST_CASE("csv - no data rows") {
  check_error("", 0, 0, "<string>: no data rows");
  check_error("\n\n  \n\r\n", 0, 0, "<string>: no data rows");
  check_error("a,b\n", 0, 0, "<string>: no data rows", {.header = true});
  check_error("a,b\n\n", 0, 0, "<string>: no data rows", {.header = true});
  check_error("1,2\n3,4\n", 0, 0, "<string>: no data rows", {.skip_lines = 2});
  check_error("1,2\n", 0, 0, "<string>: no data rows", {.skip_lines = 5});
}

TEST_CASE("csv - csv_error is a runtime_error") {
  const io::csv_error e("f.csv", 17, 3, "'abc' is not a number");
  CHECK(std::string_view(e.what()) == "f.csv:17: column 3: 'abc' is not a number");
  const std::runtime_error& base = e;
  CHECK(std::string_view(base.what()) == e.what());
  CHECK(std::string_view(io::csv_error("f.csv", 0, 0, "no data rows").what()) ==
        "f.csv: no data rows");
  CHECK(std::string_view(io::csv_error("f.csv", 5, 0, "expected 5 fields, found 4").what()) ==
        "f.csv:5: expected 5 fields, found 4");
}

TEST_CASE("csv - split_label_column") {
  const io::csv_table t =
      io::parse_csv("a,label,b\n1,2,3\n\n4,0,6\n7,2,9\n", "t.csv", {.header = true});
  const io::labelled_data d = io::split_label_column(t, 1);
  CHECK(d.labels == std::vector<int>{2, 0, 2});
  CHECK(d.classes == 3);
  CHECK(d.features.rows == 3);
  CHECK(d.features.cols == 2);
  CHECK(d.features.values == std::vector<double>{1, 3, 4, 6, 7, 9});
  CHECK(d.features.columns == std::vector<std::string>{"a", "b"});
  CHECK(d.features.lines == std::vector<std::size_t>{2, 4, 5});
  CHECK(d.features.source == "t.csv");

  const io::labelled_data last = io::split_label_column(io::parse_csv("1,2,0\n3,4,1\n"), 2);
  CHECK(last.labels == std::vector<int>{0, 1});
  CHECK(last.classes == 2);
  CHECK(last.features.values == std::vector<double>{1, 2, 3, 4});
  CHECK(last.features.columns.empty());

  // The only column: no features left.
  const io::labelled_data only = io::split_label_column(io::parse_csv("1\n0\n"), 0);
  CHECK(only.labels == std::vector<int>{1, 0});
  CHECK(only.features.cols == 0);
  CHECK(only.features.rows == 2);
  CHECK(only.features.values.empty());

  CHECK_THROWS_AS(io::split_label_column(t, 3), std::out_of_range);
  io::csv_table no_rows;  // parse_csv never returns one, but a caller may build it
  no_rows.cols = 2;
  const io::labelled_data none = io::split_label_column(no_rows, 1);
  CHECK(none.classes == 0);
  CHECK(none.labels.empty());
  CHECK(none.features.cols == 1);
}

TEST_CASE("csv - labels that are not class numbers") {
  const auto what = [](std::string_view text) {
    return std::string(split_error(io::parse_csv(text, "t.csv"), 1).what());
  };
  CHECK(what("1,0\n\n2,2.5\n") == "t.csv:3: column 2: label 2.5 is not a non-negative integer");
  CHECK(what("1,-1\n") == "t.csv:1: column 2: label -1 is not a non-negative integer");
  CHECK(what("1,0\n1,nan\n") == "t.csv:2: column 2: label nan is not a non-negative integer");
  CHECK(what("1,inf\n") == "t.csv:1: column 2: label inf is not a non-negative integer");
  CHECK(what("1,3e9\n") == "t.csv:1: column 2: label 3e+09 is not a non-negative integer");
  const io::csv_error e = split_error(io::parse_csv("1,0\n\n2,2.5\n", "t.csv"), 1);
  CHECK(e.line() == 3);
  CHECK(e.column() == 2);
  // -0 is the label 0.
  CHECK(io::split_label_column(io::parse_csv("1,-0\n"), 1).labels == std::vector<int>{0});
}

TEST_CASE("csv - iris data set") {
  const fs::path path = data_dir() / "iris.csv";
  const io::csv_table t = io::read_csv(path, {.skip_lines = 1});
  CHECK(t.rows == 150);
  CHECK(t.cols == 5);
  CHECK(t.values.size() == 150 * 5);
  const auto first = t.row(0);
  CHECK(std::vector<double>(first.begin(), first.end()) ==
        std::vector<double>{5.1, 3.5, 1.4, 0.2, 0});
  CHECK(t(149, 0) == 5.9);
  CHECK(t(149, 4) == 2);
  CHECK(t.source == path.string());
  CHECK(t.lines.front() == 2);
  CHECK(t.lines.back() == 151);

  const io::labelled_data d = io::split_label_column(t, 4);
  CHECK(d.features.cols == 4);
  CHECK(d.classes == 3);
  CHECK(class_counts(d) == std::vector<std::size_t>{50, 50, 50});
  CHECK(*std::ranges::min_element(d.features.values) == 0.1);
  CHECK(*std::ranges::max_element(d.features.values) == 7.9);
}

TEST_CASE("csv - digits data set") {
  const io::csv_table t = io::read_csv(data_dir() / "digits.csv");
  CHECK(t.rows == 1797);
  CHECK(t.cols == 65);
  const io::labelled_data d = io::split_label_column(t, 64);
  CHECK(d.classes == 10);
  CHECK(*std::ranges::min_element(d.labels) == 0);
  CHECK(*std::ranges::max_element(d.labels) == 9);
  CHECK(class_counts(d) ==
        std::vector<std::size_t>{178, 182, 177, 183, 181, 182, 181, 179, 174, 180});
  const bool pixels_ok = std::ranges::all_of(d.features.values, [](double v) {
    return v >= 0 && v <= 16 && v == std::floor(v);
  });
  CHECK(pixels_ok);
  CHECK(*std::ranges::max_element(d.features.values) == 16);
  CHECK(d.labels[0] == 0);
  CHECK(d.labels[1] == 1);
}

TEST_CASE("csv - wine and breast cancer data sets") {
  const io::labelled_data wine =
      io::split_label_column(io::read_csv(data_dir() / "wine_data.csv", {.skip_lines = 1}), 13);
  CHECK(wine.features.rows == 178);
  CHECK(wine.features.cols == 13);
  CHECK(class_counts(wine) == std::vector<std::size_t>{59, 71, 48});

  const io::labelled_data cancer = io::split_label_column(
      io::read_csv(data_dir() / "breast_cancer.csv", {.skip_lines = 1}), 30);
  CHECK(cancer.features.rows == 569);
  CHECK(cancer.features.cols == 30);
  CHECK(class_counts(cancer) == std::vector<std::size_t>{212, 357});
}

TEST_CASE("csv - files that cannot be read") {
  const auto error_of = [](const fs::path& path) {
    try {
      io::read_csv(path);
    } catch (const io::csv_error& e) {
      return e;
    }
    FAIL("no csv_error for " << path);
    return io::csv_error("", 0, 0, "");
  };

  const fs::path missing = data_dir() / "no_such_file.csv";
  const io::csv_error e = error_of(missing);
  CHECK(e.source() == missing.string());
  CHECK(e.line() == 0);
  CHECK(e.column() == 0);
  CHECK(std::string(e.what()) == missing.string() + ": cannot open: no such file");

  CHECK(std::string(error_of(data_dir()).what()) ==
        data_dir().string() + ": cannot open: is a directory");

  const temp_file empty("");
  CHECK(std::string(error_of(empty.path()).what()) == empty.path().string() + ": file is empty");

  // Errors inside a file name the file.
  const temp_file bad("1,2\n3,x\n");
  const io::csv_error in_file = error_of(bad.path());
  CHECK(in_file.source() == bad.path().string());
  CHECK(std::string(in_file.what()) == bad.path().string() + ":2: column 2: 'x' is not a number");

  // Only blank lines: read, then no data rows.
  const temp_file blank("\n\n");
  CHECK(std::string(error_of(blank.path()).what()) == blank.path().string() + ": no data rows");
}
