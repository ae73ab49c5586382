#pragma once

#include "cli/run.hpp"
