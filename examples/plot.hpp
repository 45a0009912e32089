// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// A tiny helper for the training examples' `--plot FILE` option: it draws curves (a loss,
// an accuracy) against the epoch with gnuplot, the plotting program every Linux
// distribution packages, by piping a script and the data into `gnuplot` (popen). FILE
// ending in .svg gives an SVG picture, anything else a PNG. Without gnuplot installed the
// examples still run; they print how to get the pictures:
//
//   sudo apt-get install gnuplot-nox        (Debian, Ubuntu; gnuplot on other systems)
//
// Not part of the library: the library never draws; this file is shared by the examples.

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace example_plot {

// One curve: values[k] is drawn at x = k + 1 (epoch or step k + 1).
struct curve {
  std::string title;
  std::vector<double> values;
  bool right_axis = false;  // on the second y axis (an accuracy beside a loss)
};

struct figure {
  std::string title;
  std::string xlabel = "epoch";
  std::string ylabel = "loss";
  std::string y2label;  // the right axis' label, when a curve uses it (from 0 to 1.05)
  bool log_y = false;   // a logarithmic left axis (losses that fall by decades)
  std::vector<curve> curves;
};

// The result of reading the command line: `--plot FILE` or nothing.
struct options {
  std::string plot_file;  // empty: no picture asked for
  bool ok = true;         // false: a wrong argument, already reported
};

inline options parse_options(int argc, char** argv) {
  options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--plot" && i + 1 < argc) {
      o.plot_file = argv[++i];
    } else {
      std::cerr << "usage: " << argv[0] << " [--plot FILE.png|FILE.svg]\n";
      o.ok = false;
    }
  }
  return o;
}

inline bool gnuplot_available() {
  return std::system("command -v gnuplot >/dev/null 2>&1") == 0;
}

namespace detail {

// A gnuplot single-quoted string: a quote inside is written twice.
inline std::string quoted(std::string_view s) {
  std::string r = "'";
  for (const char c : s) {
    r += c;
    if (c == '\'')
      r += '\'';
  }
  return r + "'";
}

inline bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace detail

// Draws f into file with gnuplot. Returns whether the picture was written; when it was
// not, says why (and how to install gnuplot) on standard output.
inline bool draw(const figure& f, const std::string& file) {
  if (!gnuplot_available()) {
    std::cout << "plot: gnuplot is not installed, so " << file
              << " was not written; to get the pictures install it\n"
                 "      (sudo apt-get install gnuplot-nox) and run again with --plot "
              << file << '\n';
    return false;
  }
  FILE* gp = popen("gnuplot", "w");
  if (gp == nullptr) {
    std::cout << "plot: could not start gnuplot\n";
    return false;
  }
  std::string script;
  if (detail::ends_with(file, ".svg"))
    script += "set terminal svg size 800,500 dynamic background rgb 'white'\n";
  else
    script += "set terminal png size 800,500\n";
  script += "set output " + detail::quoted(file) + "\n";
  script += "set title " + detail::quoted(f.title) + "\n";
  script += "set xlabel " + detail::quoted(f.xlabel) + "\n";
  script += "set ylabel " + detail::quoted(f.ylabel) + "\n";
  script += "set grid\nset key center right\n";
  if (f.log_y)
    script += "set logscale y\n";
  if (!f.y2label.empty())
    script += "set y2label " + detail::quoted(f.y2label) + "\nset y2tics\nset ytics nomirror\n"
              "set y2range [0:1.05]\n";
  script += "plot ";
  for (std::size_t i = 0; i < f.curves.size(); ++i) {
    script += (i ? ", " : "") + std::string("'-' using 1:2 with lines linewidth 2");
    script += f.curves[i].right_axis ? " axes x1y2" : "";
    script += " title " + detail::quoted(f.curves[i].title);
  }
  script += '\n';
  std::fputs(script.c_str(), gp);
  for (const curve& c : f.curves) {  // inline data, one block per curve, ended by "e"
    for (std::size_t k = 0; k < c.values.size(); ++k)
      std::fprintf(gp, "%zu %.17g\n", k + 1, c.values[k]);
    std::fputs("e\n", gp);
  }
  const int status = pclose(gp);
  if (status != 0) {
    std::cout << "plot: gnuplot failed (status " << status << "); " << file
              << " may be missing or incomplete\n";
    return false;
  }
  std::cout << "plot: wrote " << file << '\n';
  return true;
}

// The hint printed when no picture was asked for.
inline void mention(std::string_view program) {
  std::cout << "(run `" << program << " --plot curve.png` to draw these curves"
            << (gnuplot_available() ? "" : "; it needs gnuplot: sudo apt-get install gnuplot-nox")
            << ")\n";
}

}  // namespace example_plot
