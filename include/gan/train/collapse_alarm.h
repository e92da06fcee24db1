// The collapse alarm: words on the console, a mark in the report and a column in epochs.csv when
// an evaluated epoch looks like mode collapse (Goodfellow 2016, NIPS tutorial, Sec. 5.1.1: G maps
// many z to a few outputs), so that nobody has to stare at the sample grids to notice it.
//
// Two signs, each measured on the epoch's evaluation samples (train/evaluation.h):
//   classes  G's samples cover fewer than kCollapseClassShare of the classes the real images
//            cover (a class counts from 1% of the samples, metrics/mode_coverage.h): 7 of 10
//            or fewer for MNIST. A healthy DCGAN covers all 10 from the first epoch of the demo.
//   sameness SSIM diversity (1 / mean pairwise SSIM) below kCollapseDiversityShare of the real
//            images' own diversity, measured once on the same number of real images. Not the
//            run's best diversity, as one might think first: noise in the first epochs has
//            the highest diversity of all (SSIM ~ 0), so every run would raise the alarm.
// Measured on the shipped MNIST digits (2000 SSIM pairs): the real images' diversity is 7.9 to 8.6
// (on 256 to 10,000 of them); the demo's 5 epochs score 8.4 to 9.2 and cover 10 classes, no alarm;
// runs made to collapse (docs/report.md) score 1.05 to 3.9 and cover 1 to 4 classes.
#pragma once

#include <string>

#include "gan/train/evaluation.h"

namespace gan {

constexpr double kCollapseClassShare = 0.75;
constexpr double kCollapseDiversityShare = 0.5;

// real_classes: the classes the real images cover (0: no classifier, the sign is not checked);
// real_diversity: the real images' SSIM diversity (NaN: not checked).
// Returns "" for a healthy epoch, else the signs in words, e.g. "G's samples cover 3 of 10 classes".
std::string collapse_alarm(const Evaluation& evaluation, int real_classes, double real_diversity);

}  // namespace gan
