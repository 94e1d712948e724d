package store

import (
	"context"
	"database/sql"
	"errors"

	"khuyencong/data"
)

// rightSelf is the "right" of a write every signed-in user may make on their own account
// (changing their password): the user must exist and be enabled, nothing more.
const rightSelf data.Right = ""

// rightDoing says, after "không có quyền", what a right lets its holder do.
var rightDoing = map[data.Right]string{
	data.RightRegister:     "thêm, sửa hay xoá doanh nghiệp, học viên và làng nghề",
	data.RightTraining:     "mở lớp, sửa lớp, xếp lịch học, ghi danh học viên và phân công giảng viên",
	data.RightClassRecords: "ghi điểm danh, điểm và ngày nhận chứng chỉ của lớp học",
	data.RightFairs:        "thêm, sửa hội chợ, gian hàng và đăng ký tham gia",
	data.RightProgrammes:   "nhập kế hoạch, đề án, khoản chi và hồ sơ hỗ trợ thiết bị",
	data.RightApprove:      "duyệt đề án, duyệt hỗ trợ vượt mức quy định hay quyết toán đề án",
	data.RightSign:         "cấp, cấp lại, thu hồi chứng chỉ hay quản lý khoá ký",
	data.RightSettings:     "thay đổi thiết lập chung",
	data.RightUsers:        "quản lý người dùng",
	data.RightAudit:        "xem toàn bộ nhật ký thay đổi",
}

// write begins a write transaction on behalf of the acting user of ctx, which the role of that
// user must allow (right): EFORBIDDEN, with nothing written, for nobody, an unknown or disabled
// user, or a role without the right. Writes the program makes by itself (migrations, catalogues,
// recording a sign-in) use begin.
func (db *DB) write(ctx context.Context, right data.Right) (*tx, error) {
	tx, err := db.begin(ctx, true)
	if err != nil {
		return nil, err
	}
	if err := allow(ctx, tx, right); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

// allow checks, within tx, that the acting user of ctx may use one of rights (the refusal names
// the first). EFORBIDDEN.
func allow(ctx context.Context, tx *tx, rights ...data.Right) error {
	u, err := actor(ctx, tx)
	if err != nil {
		return err
	}
	for _, r := range rights {
		if r == rightSelf || u.Role.Can(r) {
			return nil
		}
	}
	return data.Errorf(data.EFORBIDDEN, "Tài khoản %s (%s) không có quyền %s. Hãy nhờ người có quyền làm việc này, hoặc đề nghị quản trị đổi vai trò của bạn.", u.Login, u.Role.Label(), rightDoing[rights[0]])
}

// programmeStatusRight is the right moving a đề án to status to needs: approving and settling it
// are a manager's decisions, the other moves data entry.
func programmeStatusRight(to data.ProgrammeStatus) data.Right {
	if to == data.ProgrammeApproved || to == data.ProgrammeSettled {
		return data.RightApprove
	}
	return data.RightProgrammes
}

// equipmentStatusRight is the right moving an equipment record to status to needs at the start:
// an approval is checked against its amount once the record is read (approve), any other move is
// data entry.
func equipmentStatusRight(to data.EquipmentStatus) data.Right {
	if to == data.EquipmentApproved {
		return rightSelf
	}
	return data.RightProgrammes
}

// actor returns, within tx, the enabled user ctx acts as. EFORBIDDEN for nobody, an unknown user
// or a disabled one.
func actor(ctx context.Context, tx *tx) (*data.User, error) {
	login := data.UserFromContext(ctx)
	if login == "" {
		return nil, data.Errorf(data.EFORBIDDEN, "Chưa đăng nhập nên không thay đổi được dữ liệu. Hãy đăng nhập rồi làm lại.")
	}
	u, err := findUser(ctx, tx, `login = ?`, data.NormalizeLogin(login))
	if data.ErrorCode(err) == data.ENOTFOUND {
		return nil, data.Errorf(data.EFORBIDDEN, "Không có người dùng %q trong cơ sở dữ liệu này. Hãy đăng nhập bằng tài khoản quản trị cấp cho bạn.", login)
	} else if err != nil {
		return nil, err
	}
	if u.Disabled {
		return nil, data.Errorf(data.EFORBIDDEN, "Tài khoản %s đã bị vô hiệu hoá nên không thay đổi được dữ liệu. Hãy liên hệ quản trị.", u.Login)
	}
	return u, nil
}

// classScope checks, within tx, that the acting user of ctx may change the records of class
// classID: a trainer only those of the classes assigned to them (class_trainers), anybody else
// with RightClassRecords any class. EFORBIDDEN.
func classScope(ctx context.Context, tx *tx, classID int64) error {
	u, err := actor(ctx, tx)
	if err != nil || u.Role != data.RoleTrainer {
		return err
	}
	var code string
	err = tx.QueryRowContext(ctx, `SELECT c.code FROM classes c WHERE c.id = ?
		AND NOT EXISTS (SELECT 1 FROM class_trainers t WHERE t.class_id = c.id AND t.user_id = ?)`, classID, u.ID).Scan(&code)
	if errors.Is(err, sql.ErrNoRows) { // assigned, or no such class (which the caller reports)
		return nil
	} else if err != nil {
		return err
	}
	return data.Errorf(data.EFORBIDDEN, "Tài khoản %s (%s) chỉ ghi điểm danh, điểm và ngày nhận chứng chỉ của các lớp được phân công; lớp %s không được phân công cho bạn. Hãy nhờ văn thư phân công, hoặc nhờ giảng viên của lớp ghi.", u.Login, u.Role.Label(), code)
}

// approvalRights are the rights of which one approves amount of support where the rule allows
// allowed: within the rule a clerk entering the decision or a manager, above it a manager only.
func approvalRights(amount, allowed int64) []data.Right {
	if amount > allowed {
		return []data.Right{data.RightApprove}
	}
	return []data.Right{data.RightProgrammes, data.RightApprove}
}
