#include "formats/csv.hpp"
