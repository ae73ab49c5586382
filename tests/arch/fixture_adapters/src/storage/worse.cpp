#include "cli/run.hpp"
