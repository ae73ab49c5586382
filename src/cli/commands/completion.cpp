// `qlfit completion bash|zsh|fish`: scripts generated from the CLI11 tree that the
// registry in run.cpp builds, so they list exactly the commands and options there are.
#include "qlfit/error.hpp"
#include "qlfit/settings.hpp"

#include "../commands.hpp"

#include <fmt/format.h>

#include <map>
#include <memory>

namespace qlfit::cli {

namespace {

struct Flag {
  std::string name;  // "--at"
  bool takes_value = false;
  std::string help;
};

struct Verb {
  std::string path;  // "log", "config set"
  std::string help;
  std::vector<Flag> flags;
  std::vector<std::string> subverbs;  // "list get set unset"
};

constexpr const char* kActivities = "@activities";
constexpr const char* kFiles = "@files";

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words)
    out += (out.empty() ? "" : " ") + word;
  return out;
}

std::string setting_names() {
  std::vector<std::string> keys;
  for (const SettingKey& key : setting_keys())
    keys.emplace_back(key.key);
  return joined(keys);
}

// What a value or positional word can be, for the verb at `path`.
std::string choices_for(const std::string& path, const std::string& option) {
  if (option == "--kind")
    return "session walk break";
  if (option == "--color")
    return "auto always never";
  if (option == "--format")
    return "csv json";
  if (option == "--for" && path == "remind")
    return "break session walk";
  if (option == "--activity")
    return kActivities;
  if (option == "--db" || option == "--output")
    return kFiles;
  if (option.empty()) {  // the first positional word
    if (path == "log" || path == "start" || path == "activity rm")
      return kActivities;
    if (path == "config get" || path == "config set" || path == "config unset") {
      return setting_names();
    }
    if (path == "import" || path == "backup" || path == "sync")
      return kFiles;
    if (path == "completion")
      return "bash zsh fish";
  }
  return "";
}

void collect(const CLI::App& app, const std::string& path, std::vector<Verb>& verbs) {
  Verb verb{path, app.get_description(), {}, {}};
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_positional())
      continue;
    for (const std::string& name : option->get_lnames()) {
      verb.flags.push_back(
          Flag{"--" + name, option->get_items_expected_max() > 0, option->get_description()});
    }
  }
  const auto subs = app.get_subcommands([](const CLI::App*) { return true; });
  for (const CLI::App* sub : subs)
    verb.subverbs.push_back(sub->get_name());
  verbs.push_back(verb);
  for (const CLI::App* sub : subs) {
    collect(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), verbs);
  }
}

// Bash (and zsh through bashcompinit) treat what a command prints as data: names are
// read line by line and matched with a quoted prefix, never through compgen -W,
// which would expand a stored `$(...)` and run it.
std::string bash_lines(const std::string& choices, const std::string& function) {
  if (choices == kActivities)
    return function + "_add < <(qlfit activity list --names 2>/dev/null)";
  return function + "_add < <(compgen -f -- \"$cur\")";
}

// The generated function names its state `verb`, never `path`: zsh, which runs it
// through bashcompinit, ties `path` to PATH.
std::string bash_script(const std::vector<Verb>& verbs, const std::string& function) {
  std::string skip;
  std::string enter;
  std::string values;
  std::string words;
  std::string more;
  for (const Verb& verb : verbs) {
    for (const Flag& flag : verb.flags) {
      if (!flag.takes_value)
        continue;
      skip += fmt::format("        \"{}:{}\") skip=1; continue ;;\n", verb.path, flag.name);
      const std::string choices = choices_for(verb.path, flag.name);
      if (choices == kFiles || choices == kActivities) {
        values += fmt::format("        \"{}:{}\") {}; return ;;\n", verb.path, flag.name,
                              bash_lines(choices, function));
      } else if (!choices.empty()) {
        values += fmt::format(
            "        \"{}:{}\") COMPREPLY=($(compgen -W \"{}\" -- \"$cur\")); return ;;\n",
            verb.path, flag.name, choices);
      } else {
        values += fmt::format("        \"{}:{}\") return ;;\n", verb.path, flag.name);
      }
    }
    for (const std::string& sub : verb.subverbs) {
      enter += fmt::format("            \"{}:{}\") verb=\"{}\"; continue ;;\n", verb.path, sub,
                           verb.path.empty() ? sub : verb.path + " " + sub);
    }
    std::vector<std::string> flags;
    for (const Flag& flag : verb.flags)
      flags.push_back(flag.name);
    if (!verb.path.empty()) {
      flags.emplace_back("--db");
      flags.emplace_back("--color");
    }
    const std::string positional = choices_for(verb.path, "");
    std::string plain = joined(verb.subverbs);
    std::string lines;
    if (positional == kFiles || positional == kActivities) {
      lines = "; [[ $positionals == 0 ]] && lines=1";
      more += fmt::format("        \"{}\") {} ;;\n", verb.path, bash_lines(positional, function));
    } else if (!positional.empty()) {
      plain += (plain.empty() ? "" : " ") +
               ("$([[ $positionals == 0 ]] && echo \"" + positional + "\")");
    }
    words += fmt::format("        \"{}\") flags=\"{}\"; words=\"{}\"{} ;;\n", verb.path,
                         joined(flags), plain, lines);
  }
  return fmt::format(R"(# qlfit completion for bash, from 'qlfit completion bash'
# Adds the lines of stdin that start with what is typed, as they are: never expanded.
{0}_add() {{
    local line
    while IFS= read -r line; do
        [[ $line == "$cur"* ]] && COMPREPLY+=("$line")
    done
}}
{0}() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    local verb="" word="" skip="" positionals=0 words="" lines="" i
    COMPREPLY=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${{COMP_WORDS[i]}}"
        if [[ -n $skip ]]; then skip=""; continue; fi
        case "$verb:$word" in
{1}            *:--db|*:--color) skip=1; continue ;;
        esac
        [[ $word == -* ]] && continue
        case "$verb:$word" in
{2}        esac
        positionals=$((positionals + 1))
    done
    case "$verb:$prev" in
{3}        *:--db) {0}_add < <(compgen -f -- "$cur"); return ;;
        *:--color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    esac
    local flags=""
    case "$verb" in
{4}    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$flags" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
    [[ -n $lines ]] || return
    case "$verb" in
{5}    esac
}}
)",
                     function, skip, enter, values, words, more);
}

std::string fish_condition(const Verb& verb, const std::vector<Verb>& verbs) {
  if (verb.path.empty())
    return "__fish_use_subcommand";
  std::string condition;
  std::string rest = verb.path;
  std::string parent;
  while (!rest.empty()) {
    const auto space = rest.find(' ');
    const std::string word = rest.substr(0, space);
    condition += condition.empty() ? "" : "; and ";
    condition += "__fish_seen_subcommand_from ";
    condition += word;
    parent += parent.empty() ? "" : " ";
    parent += word;
    rest = space == std::string::npos ? "" : rest.substr(space + 1);
  }
  for (const Verb& other : verbs) {
    if (other.path == verb.path && !other.subverbs.empty()) {
      condition += "; and not __fish_seen_subcommand_from " + joined(other.subverbs);
    }
  }
  return condition;
}

std::string fish_script(const std::vector<Verb>& verbs) {
  std::string out =
      "# qlfit completion for fish, from 'qlfit completion fish'\ncomplete -c qlfit -f\n";
  const auto quoted = [](const std::string& text) {
    std::string escaped;
    for (const char c : text)
      escaped += c == '\'' ? std::string("\\'") : std::string(1, c);
    return "'" + escaped + "'";
  };
  const auto fish_choices = [](const std::string& choices) {
    return choices == kActivities ? std::string("(qlfit activity list --names 2>/dev/null)")
                                  : choices;
  };
  for (const Verb& verb : verbs) {
    const std::string condition = quoted(fish_condition(verb, verbs));
    for (const Verb& child : verbs) {
      const auto space = child.path.rfind(' ');
      const std::string parent = space == std::string::npos ? "" : child.path.substr(0, space);
      if (child.path.empty() || parent != verb.path)
        continue;
      const std::string name =
          space == std::string::npos ? child.path : child.path.substr(space + 1);
      out +=
          fmt::format("complete -c qlfit -n {} -a {} -d {}\n", condition, name, quoted(child.help));
    }
    for (const Flag& flag : verb.flags) {
      const std::string choices = choices_for(verb.path, flag.name);
      std::string line = fmt::format("complete -c qlfit -n {} -l {} -d {}", condition,
                                     flag.name.substr(2), quoted(flag.help));
      if (choices == kFiles) {
        line += " -r -F";
      } else if (!choices.empty()) {
        line += " -x -a " + quoted(fish_choices(choices));
      } else if (flag.takes_value) {
        line += " -x";
      }
      out += line + "\n";
    }
    const std::string positional = choices_for(verb.path, "");
    if (positional == kFiles) {
      out += fmt::format("complete -c qlfit -n {} -F\n", condition);
    } else if (!positional.empty()) {
      out += fmt::format("complete -c qlfit -n {} -a {}\n", condition,
                         quoted(fish_choices(positional)));
    }
  }
  return out;
}

}  // namespace

Command register_completion(CLI::App& root) {
  auto shell = std::make_shared<std::string>();
  CLI::App* app = root.add_subcommand("completion", "Print a shell completion script");
  app->group("Shell");
  app->add_option("SHELL", *shell, "bash, zsh or fish")->required();
  app->footer(R"(Packages install them for you. Examples, to install by hand:
  qlfit completion bash > ~/.local/share/bash-completion/completions/qlfit
  qlfit completion zsh > ~/.zfunc/_qlfit        # with fpath+=(~/.zfunc) before compinit
  qlfit completion fish > ~/.config/fish/completions/qlfit.fish)");
  return {app, [shell, &root](Session& session) {
            std::vector<Verb> verbs;
            collect(root, "", verbs);
            if (*shell == "bash") {
              session.out << bash_script(verbs, "_qlfit") << "complete -F _qlfit qlfit\n";
            } else if (*shell == "zsh") {
              // zsh runs the bash function through bashcompinit: one logic, two shells.
              session.out << "#compdef qlfit\n"
                          << bash_script(verbs, "_qlfit_bash")
                          << "autoload -U +X bashcompinit && bashcompinit\n"
                             "complete -F _qlfit_bash qlfit\n"
                             "[[ $funcstack[1] == _qlfit ]] && _bash_complete -F _qlfit_bash\n";
            } else if (*shell == "fish") {
              session.out << fish_script(verbs);
            } else {
              throw Error(ErrorCode::kInvalidInput,
                          "completion is for bash, zsh or fish, got \"" + *shell + "\"");
            }
            return 0;
          }};
}

}  // namespace qlfit::cli
