// `sync --git` against a real bare repository and two clones (Debian's git).
#include "cli_harness.hpp"
#include "files.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace qlfit::testing {
namespace {

// Runs a shell line for the test's own setup (qlfit itself never uses a shell).
void shell(const std::string& line) {
  ASSERT_EQ(std::system((line + " >/dev/null 2>&1").c_str()), 0) << line;
}

// Who commits, whatever the machine's git configuration says.
void git_identity() {
  for (const char* name : {"GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"})
    ::setenv(name, "qlfit test", 1);
  for (const char* name : {"GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"})
    ::setenv(name, "test@example.org", 1);
  ::setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
}

// A bare repository with one commit, and two clones of it.
struct Repositories {
  Repositories() {
    git_identity();
    shell("git init --quiet --bare -b main '" + remote + "'");
    shell("git clone --quiet '" + remote + "' '" + a + "'");
    shell("cd '" + a +
          "' && echo shared > README && git add README && git commit --quiet -m start"
          " && git push --quiet origin main");
    shell("git clone --quiet '" + remote + "' '" + b + "'");
  }
  TempDir dir;
  std::string remote = dir.file("remote.git");
  std::string a = dir.file("a");
  std::string b = dir.file("b");
};

std::string exported(const CliHarness& cli) {
  return cli.run({"export", "--format", "json"}).out;
}

TEST(SyncGit, ChangesGoBothWaysThroughARealRepository) {
  Repositories git;
  CliHarness laptop;
  CliHarness desktop;
  laptop.run({"log", "walk", "--minutes", "25"});
  const auto sent = laptop.run({"sync", git.a, "--git"});
  EXPECT_EQ(sent.code, 0) << sent.err;
  EXPECT_EQ(sent.out, "sent 1 operation, received 0\n");
  const auto received = desktop.run({"sync", git.b, "--git"});
  EXPECT_EQ(received.code, 0) << received.err;
  EXPECT_EQ(received.out, "sent 0 operations, received 1\n");
  desktop.run({"log", "break"});
  // Written without --git (DIR remembered), then committed and pushed by the next --git.
  EXPECT_EQ(desktop.run({"sync"}).out, "sent 1 operation, received 0\n");
  EXPECT_EQ(desktop.run({"sync", "--git"}).out, "up to date\n");
  EXPECT_EQ(laptop.run({"sync", "--git"}).out, "sent 0 operations, received 1\n");
  EXPECT_EQ(exported(laptop), exported(desktop));
  // Only device folders were committed, one commit per sync that wrote.
  shell("test \"$(git -C '" + git.remote + "' rev-list --count main)\" = 3");
  shell("test -z \"$(git -C '" + git.a + "' status --porcelain)\"");
}

TEST(SyncGit, APushRejectedBecauseTheOtherPushedFirstIsPulledAndRetried) {
  Repositories git;
  CliHarness laptop;
  CliHarness desktop;
  laptop.run({"log", "walk", "--minutes", "10"});  // a database to sync (sync makes none)
  desktop.run({"log", "walk", "--minutes", "15"});
  const auto laptop_first = laptop.run({"sync", git.a, "--git"});
  ASSERT_EQ(laptop_first.code, 0) << laptop_first.err;
  ASSERT_EQ(desktop.run({"sync", git.b, "--git"}).code, 0);
  ASSERT_EQ(laptop.run({"sync", "--git"}).code, 0);  // both hold both first changes
  // The laptop commits a change but has not pushed it yet...
  laptop.run({"log", "walk", "--minutes", "25"});
  ASSERT_EQ(laptop.run({"sync", git.a}).code, 0);
  shell("cd '" + git.a + "' && git add -A && git commit --quiet -m laptop");
  // ... and pushes it just as the desktop is about to push (its pre-push hook).
  const std::string hook = git.b + "/.git/hooks/pre-push";
  write(hook, "#!/bin/sh\n[ -e '" + git.dir.file("pushed") + "' ] && exit 0\ntouch '" +
                  git.dir.file("pushed") +
                  "'\nenv -u GIT_DIR -u GIT_WORK_TREE -u GIT_INDEX_FILE git -C '" + git.a +
                  "' push --quiet origin main >/dev/null 2>&1\nexit 0\n");
  shell("chmod +x '" + hook + "'");
  desktop.run({"log", "break"});
  const auto result = desktop.run({"sync", "--git"});
  EXPECT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(result.out, "sent 1 operation, received 1\n");
  EXPECT_EQ(laptop.run({"sync", "--git"}).out, "sent 0 operations, received 1\n");
  EXPECT_EQ(exported(laptop), exported(desktop));
  EXPECT_NE(exported(laptop).find("\"break\""), std::string::npos);
}

// The first sync into a fresh clone of an empty repository: nothing to pull yet (no
// commit here, no branch there), so it commits and pushes; the other empty clone pulls that.
TEST(SyncGit, TheFirstSyncIntoAnEmptyRepositoryCommitsAndPushes) {
  TempDir dir;
  const std::string remote = dir.file("remote.git");
  const std::string a = dir.file("a");
  const std::string b = dir.file("b");
  git_identity();
  shell("git init --quiet --bare -b main '" + remote + "'");
  shell("git clone --quiet '" + remote + "' '" + a + "'");
  shell("git clone --quiet '" + remote + "' '" + b + "'");
  CliHarness laptop;
  CliHarness desktop;
  laptop.run({"log", "walk", "--minutes", "25"});
  const auto first = laptop.run({"sync", a, "--git"});
  EXPECT_EQ(first.code, 0) << first.err;
  EXPECT_EQ(first.out, "sent 1 operation, received 0\n");
  shell("test \"$(git -C '" + remote + "' rev-list --count main)\" = 1");
  desktop.run({"log", "break"});
  const auto second = desktop.run({"sync", b, "--git"});
  EXPECT_EQ(second.code, 0) << second.err;
  EXPECT_EQ(second.out, "sent 1 operation, received 1\n");
  EXPECT_EQ(laptop.run({"sync", "--git"}).out, "sent 0 operations, received 1\n");
  EXPECT_EQ(exported(laptop), exported(desktop));
}

// A first push that fails (the remote refused it, the network was down) leaves a commit
// here and still no branch there: the next sync has nothing to pull yet either, and pushes.
TEST(SyncGit, AFailedFirstPushIntoAnEmptyRepositoryIsPushedByTheNextSync) {
  TempDir dir;
  const std::string remote = dir.file("remote.git");
  const std::string a = dir.file("a");
  git_identity();
  shell("git init --quiet --bare -b main '" + remote + "'");
  shell("git clone --quiet '" + remote + "' '" + a + "'");
  const std::string hook = remote + "/hooks/pre-receive";
  write(hook, "#!/bin/sh\necho refused by the remote >&2\nexit 1\n");
  shell("chmod +x '" + hook + "'");
  CliHarness laptop;
  laptop.run({"log", "walk", "--minutes", "25"});
  const auto refused = laptop.run({"sync", a, "--git"});
  expect_refused(refused, 3, "git push failed: ");
  shell("rm '" + hook + "'");
  const auto again = laptop.run({"sync", "--git"});
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(again.out, "up to date\n");
  shell("test \"$(git -C '" + remote + "' rev-list --count main)\" = 1");
}

TEST(SyncGit, AFailingPullIsExitThreeWithGitsLineAndTheDatabaseUntouched) {
  Repositories git;
  CliHarness cli;
  cli.run({"log", "walk", "--minutes", "25"});
  shell("rm -rf '" + git.remote + "'");
  const std::string before = contents(cli.db_path());
  const auto result = cli.run({"sync", git.a, "--git"});
  expect_refused(result, 3, "git pull failed: ");
  EXPECT_EQ(contents(cli.db_path()), before);
}

}  // namespace
}  // namespace qlfit::testing
