#pragma once

#include "formats/csv.hpp"
