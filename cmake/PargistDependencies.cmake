# Every dependency comes from Debian 12 packages; nothing is downloaded.

find_package(PkgConfig REQUIRED)
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo)
find_package(PNG REQUIRED)
find_package(MPI REQUIRED COMPONENTS C)
# C++ code including mpi.h must not pull in OpenMPI's deprecated C++ bindings
# (libmpi_cxx, not linked): Python's loader rejects the undefined MPI:: symbols.
set_property(TARGET MPI::MPI_C APPEND PROPERTY INTERFACE_COMPILE_DEFINITIONS OMPI_SKIP_MPICXX=1 MPICH_SKIP_MPICXX=1)
find_package(Threads REQUIRED)

if(PARGIST_X11)
  find_package(X11 REQUIRED)
  pkg_check_modules(CAIRO_XLIB REQUIRED IMPORTED_TARGET cairo-xlib)
endif()

if(PARGIST_PYTHON)
  # The interpreter first on PATH may be a pyenv or conda build without numpy;
  # default to the first candidate that imports numpy (Debian's /usr/bin/python3).
  if(NOT Python3_EXECUTABLE)
    foreach(candidate /usr/bin/python3 python3)
      find_program(_pargist_py NAMES ${candidate} NO_CACHE)
      if(_pargist_py)
        execute_process(COMMAND ${_pargist_py} -c "import numpy"
                        RESULT_VARIABLE _pargist_np OUTPUT_QUIET ERROR_QUIET)
        if(_pargist_np EQUAL 0)
          set(Python3_EXECUTABLE ${_pargist_py} CACHE FILEPATH "Python with numpy")
          break()
        endif()
      endif()
      unset(_pargist_py)
    endforeach()
  endif()
  find_package(Python3 REQUIRED COMPONENTS Interpreter Development.Module Development.Embed NumPy)
  set(PYBIND11_FINDPYTHON ON)
  find_package(pybind11 CONFIG REQUIRED)
endif()
