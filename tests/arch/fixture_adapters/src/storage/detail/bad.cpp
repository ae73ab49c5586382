#include "../../cli/run.hpp"
