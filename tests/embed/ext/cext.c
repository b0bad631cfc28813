/* A tiny C extension module for the embed tests: the broadcast importer
 * must stage it in the node-local directory and load it on every rank. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject* answer(PyObject* self, PyObject* args) {
  (void)self;
  (void)args;
  return PyLong_FromLong(42);
}

static PyMethodDef cext_methods[] = {
    {"answer", answer, METH_NOARGS, "Return 42."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef cext_module = {
    PyModuleDef_HEAD_INIT, "_cext", "Test extension for pargist-python.", -1, cext_methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__cext(void) { return PyModule_Create(&cext_module); }
